use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::admin_audit::AuditSearch;
use crate::{
    components::{classes, Access, Protected},
    i18n::{t, Msg},
    permissions::Action,
    server_fns::member_log,
};

/// 收件紀錄 (SPEC §4): a main account's record of what was done to its organization's
/// accounts (created, turned off or on, links re-sent, bindings reset, grants, the main role
/// handed over, consents), searched by username and dates and exported as CSV.
#[component]
pub fn MemberLogPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |k: &'static str| query.with(|m| m.get(k).unwrap_or_default());
    // Made here, not inside `Protected` (a server render may run its content more than once).
    let entries =
        Resource::new(move || (param("username"), param("from"), param("to")), |(u, f, to)| member_log(u, f, to));
    view! {
        <Title text=t(Msg::MemberLogTitle)/>
        <Protected access=Access::May(|a| Action::ReadMemberLog(a.org_id)) render=move |_| view! {
            <section class="flex flex-col gap-4">
                <p><a href="/members" class="text-blue-800 underline">{t(Msg::MembersTitle)}</a></p>
                <h1 class=classes::H1>{t(Msg::MemberLogTitle)}</h1>
                <p class="text-slate-700">{t(Msg::MemberLogIntro)}</p>
                <AuditSearch entries page="/members/log" csv="/members/log.csv" details=true/>
            </section>
        }.into_any()/>
    }
}
