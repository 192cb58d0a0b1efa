use leptos::prelude::*;

use super::{
    classes, member_account_actions::MemberAccountActions, member_grants::MemberGrants, member_summary::MemberSummary,
};
use crate::{
    accounts::{GrantChoice, MemberRow},
    i18n::{t, Msg},
    server_fns::{AdminResetFactors, ResendMemberLink, SetMemberEnabled, SetMemberGrant, TransferMainRole},
    time::taipei_datetime,
};

/// What the list's items ask the page to do, and what the page says once it is done: the
/// message and the account it names.
#[derive(Clone, Copy)]
pub struct MemberActions {
    pub enable: ServerAction<SetMemberEnabled>,
    pub resend: ServerAction<ResendMemberLink>,
    pub reset: ServerAction<AdminResetFactors>,
    pub grant: ServerAction<SetMemberGrant>,
    pub transfer: ServerAction<TransferMainRole>,
    pub asked: RwSignal<Option<(Msg, String)>>,
}

impl MemberActions {
    /// Set just before an action is sent, so that the page's message, once it is done, names
    /// the account it was done to (the actions are shared by every item of the list).
    pub(super) fn ask(self, msg: Msg, who: &str) {
        self.asked.set(Some((msg, who.to_string())));
    }
}

/// One account of the organization: who, its state, where they work and when they last signed
/// in, its subsystems (a box each, for those the main account may grant) and what may be done to
/// it. Each piece reads from the row only what it shows. (The two lines in the middle stay here:
/// a component of its own returning both would add a marker comment to the page.)
#[component]
pub fn MemberItem(row: MemberRow, grantable: Vec<GrantChoice>, actions: MemberActions) -> impl IntoView {
    let (username, is_main) = (row.username.clone(), row.is_main);
    let place = [row.unit.clone(), row.title.clone(), row.email.clone()];
    let place = place.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
    let seen = match row.last_sign_in_at {
        Some(at) => format!("{} {}", t(Msg::MembersLastSignIn), taipei_datetime(at)),
        None => t(Msg::MembersNever).to_string(),
    };
    view! {
        <li class=classes::CARD data-testid="member" data-username=username>
            <MemberSummary row=row.clone()/>
            <p class="text-sm text-slate-700 break-all">{place}</p>
            <p class="text-sm text-slate-700">{seen}</p>
            <MemberGrants row=row.clone() grantable actions/>
            // The main account's own entry is shown but not acted on.
            {(!is_main).then(|| view! { <MemberAccountActions row actions/> })}
        </li>
    }
}
