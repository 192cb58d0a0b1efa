use leptos::prelude::*;

use super::grant_box::GrantBox;
use crate::{
    accounts::GrantChoice,
    i18n::{t, tr, LocalText, Msg},
};

/// One subsystem of a member's: its box, whether the member agreed to share their details with
/// it (同意授權), and a box for each of its functions.
#[component]
pub fn SubsystemGrant(
    choice: GrantChoice,
    /// The member's account, named in each box's accessible name (the list has many alike).
    username: String,
    held: bool,
    consented: bool,
    /// Every function the member holds, as `subsystem:function`.
    functions: Vec<String>,
    /// The main account's own entry: shown, never changed.
    locked: bool,
    /// Sends (subsystem, function or none for the whole subsystem, on).
    set: Callback<(String, Option<String>, bool)>,
) -> impl IntoView {
    let GrantChoice { code, name, functions: catalogue } = choice;
    let label = tr(&LocalText::new(Msg::MembersGrantNamed).arg("subsystem", &name).arg("username", &username));
    // A function's box may only be ticked once its subsystem is granted: revoking the subsystem
    // takes its functions too.
    let has_functions = !catalogue.is_empty();
    let inner = catalogue
        .into_iter()
        .map(|f| {
            let on = functions.contains(&format!("{}:{}", code, f.code));
            let label = tr(&LocalText::new(Msg::MembersFunctionNamed)
                .arg("function", &f.name)
                .arg("subsystem", &name)
                .arg("username", &username));
            let (code, function) = (code.clone(), f.code);
            let change = Callback::new(move |on: bool| set.run((code.clone(), Some(function.clone()), on)));
            view! { <GrantBox label text=f.name checked=on disabled=locked || !held on_change=change/> }
        })
        .collect_view();
    let whole = Callback::new(move |on: bool| set.run((code.clone(), None, on)));
    view! {
        <div class="flex flex-wrap items-center gap-x-4">
            <GrantBox label text=name checked=held disabled=locked on_change=whole/>
            {consented.then(|| view! {
                <span class="text-sm text-green-800">{t(Msg::MembersConsented)}</span>
            })}
            {has_functions.then(|| view! {
                <span class="flex flex-wrap gap-x-4 border-l border-slate-300 pl-4">{inner}</span>
            })}
        </div>
    }
}
