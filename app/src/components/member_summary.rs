use leptos::prelude::*;

use crate::{
    accounts::{AccountStatus, MemberRow},
    i18n::{t, Msg},
};

/// The first line of a member's entry: name and account, then a badge for each thing worth
/// noticing (amber for what still keeps the holder out or off). Only read; nothing here acts.
#[component]
pub fn MemberSummary(row: MemberRow) -> impl IntoView {
    let MemberRow { username, name, status, is_main, is_you, password_set, bound, .. } = row;
    let enabled = status == AccountStatus::Active;
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-2">
            <p class="font-semibold">{name}" "<span class="font-mono font-normal text-slate-700">{username}</span></p>
            <p class="flex flex-wrap gap-2 text-sm">
                {is_main.then(|| badge(Msg::MembersMain, false))}
                {is_you.then(|| badge(Msg::MembersYou, false))}
                {badge(if enabled { Msg::MembersActive } else { Msg::MembersDisabled }, !enabled)}
                {(!password_set).then(|| badge(Msg::MembersNoPassword, true))}
                {(password_set && !bound).then(|| badge(Msg::MembersNotBound, true))}
            </p>
        </div>
    }
}

/// One badge; `warn` for a state that needs doing something about.
fn badge(msg: Msg, warn: bool) -> impl IntoView {
    let class = if warn {
        "rounded bg-amber-100 px-2 py-0.5 text-amber-900"
    } else {
        "rounded bg-slate-100 px-2 py-0.5 text-slate-800"
    };
    view! { <span class=class>{t(msg)}</span> }
}
