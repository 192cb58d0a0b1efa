use leptos::prelude::*;

use super::{subsystem_grant::SubsystemGrant, MemberActions};
use crate::{
    accounts::{GrantChoice, MemberRow},
    i18n::{t, Msg},
    server_fns::SetMemberGrant,
};

/// A member's subsystems: a box for each one the main account may grant (those it holds
/// itself), with its functions inside.
#[component]
pub fn MemberGrants(row: MemberRow, grantable: Vec<GrantChoice>, actions: MemberActions) -> impl IntoView {
    let MemberRow { id, username, is_main, grants, functions, consents, .. } = row;
    // Every box asks the server the same thing, for this account: a subsystem (or one of its
    // functions, when named) on or off. Built once here, so the boxes need not know the account.
    let who = username.clone();
    let set = Callback::new(move |(code, function, on): (String, Option<String>, bool)| {
        actions.ask(Msg::MembersDone, &who);
        actions.grant.dispatch(SetMemberGrant { user_id: id, code, function, on });
    });
    let boxes = grantable
        .into_iter()
        .map(|choice| {
            let (held, consented) = (grants.contains(&choice.code), consents.contains(&choice.code));
            view! {
                <SubsystemGrant choice username=username.clone() held consented functions=functions.clone()
                    locked=is_main set/>
            }
        })
        .collect_view();
    view! {
        <fieldset class="flex flex-col">
            <legend class="text-sm font-semibold">{t(Msg::MembersGrants)}</legend>
            {boxes}
        </fieldset>
    }
}
