use leptos::prelude::*;

use super::{classes, member_confirm::MemberConfirm, MemberActions};
use crate::{
    accounts::{AccountStatus, MemberRow},
    i18n::{t, tr, LocalText, Msg},
    server_fns::{AdminResetFactors, ResendMemberLink, SetMemberEnabled, TransferMainRole},
};

/// What the main account may do to a sub-account: turn it off or on, send its set-password link
/// again (while none is set), hand it the main role (once it has a password) and reset its
/// sign-in bindings (once bound). The last two cannot be taken back, so they ask first.
#[component]
pub fn MemberAccountActions(row: MemberRow, actions: MemberActions) -> impl IntoView {
    let MemberRow { id, username, status, password_set, bound, .. } = row;
    let enabled = status == AccountStatus::Active;
    // The buttons' accessible names say whose they are: the list has many alike.
    let shown = username.clone();
    let named = move |msg: Msg| tr(&LocalText::new(msg).arg("username", &shown));
    let (handing_on, confirming) = (RwSignal::new(false), RwSignal::new(false));
    let who = username.clone();
    let toggle = move |_| {
        actions.ask(Msg::MembersDone, &who);
        actions.enable.dispatch(SetMemberEnabled { user_id: id, enabled: !enabled });
    };
    let who = username.clone();
    let resend = move |_| {
        actions.ask(Msg::MembersResent, &who);
        actions.resend.dispatch(ResendMemberLink { user_id: id });
    };
    // No message for the transfer: once it is done the page leaves for the account page.
    let transfer = Callback::new(move |()| {
        actions.transfer.dispatch(TransferMainRole { user_id: id });
    });
    let who = username.clone();
    let reset = Callback::new(move |()| {
        actions.ask(Msg::MembersResetDone, &who);
        actions.reset.dispatch(AdminResetFactors { user_id: id });
    });
    // The reset's question stays open until the reset is done, through a fresh verification.
    Effect::new(move |_| {
        if matches!(actions.reset.value().get(), Some(Ok(()))) {
            confirming.set(false);
        }
    });
    view! {
        <div class="flex flex-wrap gap-2">
            <button type="button" class=classes::SECONDARY_BUTTON on:click=toggle
                aria-label=named(if enabled { Msg::MembersDisableNamed } else { Msg::MembersEnableNamed })>
                {t(if enabled { Msg::MembersDisable } else { Msg::MembersEnable })}
            </button>
            {(!password_set && enabled).then(|| view! {
                <button type="button" class=classes::SECONDARY_BUTTON on:click=resend aria-label=named(Msg::MembersResendNamed)>
                    {t(Msg::MembersResend)}
                </button>
            })}
            {(password_set && enabled).then(|| view! {
                <button type="button" class=classes::SECONDARY_BUTTON on:click=move |_| handing_on.set(true)
                    aria-label=named(Msg::MembersTransferNamed)>
                    {t(Msg::MembersTransfer)}
                </button>
            })}
            {bound.then(|| view! {
                <button type="button" class=classes::SECONDARY_BUTTON on:click=move |_| confirming.set(true)
                    aria-label=named(Msg::MembersResetNamed)>
                    {t(Msg::MembersReset)}
                </button>
            })}
        </div>
        <MemberConfirm open=handing_on question=named(Msg::MembersTransferConfirm) yes=Msg::MembersTransferYes
            verify=Msg::MembersTransferVerify pending=actions.transfer.pending() outcome=actions.transfer.value()
            on_yes=transfer/>
        <MemberConfirm open=confirming question=named(Msg::MembersResetConfirm) yes=Msg::MembersResetYes
            verify=Msg::MembersResetVerify pending=actions.reset.pending() outcome=actions.reset.value() on_yes=reset/>
    }
}
