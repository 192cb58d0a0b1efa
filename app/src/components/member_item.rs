use leptos::prelude::*;

use super::{classes, StepUpForm};
use crate::error::AppError;
use crate::{
    accounts::{AccountStatus, GrantChoice, MemberRow},
    i18n::{t, tr, LocalText, Msg},
    permissions::{Function, Subsystem},
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

/// One account of the organization: who, its state, its subsystems (a box each, for those
/// the main account may grant) and what may be done to it. The main account's own entry is
/// shown but not acted on.
#[component]
pub fn MemberItem(row: MemberRow, grantable: Vec<GrantChoice>, actions: MemberActions) -> impl IntoView {
    let MemberRow {
        id,
        username,
        name,
        unit,
        title,
        email,
        status,
        is_main,
        is_you,
        password_set,
        bound,
        last_sign_in_at,
        grants,
        functions,
        consents,
    } = row;
    let enabled = status == AccountStatus::Active;
    let shown = username.clone();
    let named = move |msg: Msg| tr(&LocalText::new(msg).arg("username", &shown));
    let ask = move |msg: Msg, who: &str| actions.asked.set(Some((msg, who.to_string())));
    let (transfer_text, reset_text) = (named(Msg::MembersTransferConfirm), named(Msg::MembersResetConfirm));
    let confirming = RwSignal::new(false);
    let handing_on = RwSignal::new(false);
    // The transfer asks for a fresh verification; once given, it is sent again.
    let needs_step_up =
        move || handing_on.get() && matches!(actions.transfer.value().get(), Some(Err(AppError::StepUpRequired)));
    let hand_on = move || {
        actions.transfer.dispatch(TransferMainRole { user_id: id });
    };
    let badge = |msg: Msg, warn: bool| {
        let class = if warn {
            "rounded bg-amber-100 px-2 py-0.5 text-amber-900"
        } else {
            "rounded bg-slate-100 px-2 py-0.5 text-slate-800"
        };
        view! { <span class=class>{t(msg)}</span> }
    };
    let who = username.clone();
    let toggle = move |_| {
        ask(Msg::MembersDone, &who);
        actions.enable.dispatch(SetMemberEnabled { user_id: id, enabled: !enabled });
    };
    let who = username.clone();
    let resend = move |_| {
        ask(Msg::MembersResent, &who);
        actions.resend.dispatch(ResendMemberLink { user_id: id });
    };
    let who = username.clone();
    let reset = Callback::new(move |()| {
        ask(Msg::MembersResetDone, &who);
        actions.reset.dispatch(AdminResetFactors { user_id: id });
    });
    // The reset asks for a fresh verification too; once given, it is sent again. The question
    // stays open until the reset is done.
    let reset_needs_step_up =
        move || confirming.get() && matches!(actions.reset.value().get(), Some(Err(AppError::StepUpRequired)));
    Effect::new(move |_| {
        if matches!(actions.reset.value().get(), Some(Ok(()))) {
            confirming.set(false);
        }
    });
    // A box for each subsystem, and inside it one for each of its functions (only once the
    // subsystem is granted: revoking it takes them too).
    let boxes = grantable
        .into_iter()
        .map(|g| {
            let held = grants.contains(&g.code);
            let label = tr(&LocalText::new(Msg::MembersGrantNamed).arg("subsystem", &g.name).arg("username", &username));
            let (who, code) = (username.clone(), g.code.clone());
            let inner = Subsystem::of(&g.code)
                .map(|subsystem| Function::ALL.into_iter().filter(move |f| f.subsystem() == subsystem))
                .into_iter()
                .flatten()
                .map(|f| {
                    let on = functions.contains(&format!("{}:{}", g.code, f.code()));
                    let label = tr(&LocalText::new(Msg::MembersFunctionNamed)
                        .arg("function", t(f.label()))
                        .arg("subsystem", &g.name)
                        .arg("username", &username));
                    let (who, code) = (username.clone(), g.code.clone());
                    view! {
                        <label class="flex min-h-11 items-center gap-2">
                            <input type="checkbox" class="h-5 w-5" checked=on disabled=is_main || !held aria-label=label
                                on:change=move |ev| {
                                    ask(Msg::MembersDone, &who);
                                    let on = event_target_checked(&ev);
                                    let function = Some(f.code().to_string());
                                    actions.grant.dispatch(SetMemberGrant { user_id: id, code: code.clone(), function, on });
                                }/>
                            <span>{t(f.label())}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <div class="flex flex-wrap items-center gap-x-4">
                    <label class="flex min-h-11 items-center gap-2">
                        <input type="checkbox" class="h-5 w-5" checked=held disabled=is_main aria-label=label
                            on:change=move |ev| {
                                ask(Msg::MembersDone, &who);
                                let on = event_target_checked(&ev);
                                actions.grant.dispatch(SetMemberGrant { user_id: id, code: code.clone(), function: None, on });
                            }/>
                        <span>{g.name}</span>
                    </label>
                    {consents.contains(&g.code).then(|| view! {
                        <span class="text-sm text-green-800">{t(Msg::MembersConsented)}</span>
                    })}
                    <span class="flex flex-wrap gap-x-4 border-l border-slate-300 pl-4">{inner}</span>
                </div>
            }
        })
        .collect_view();
    view! {
        <li class=classes::CARD data-testid="member" data-username=username.clone()>
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-semibold">{name}" "<span class="font-mono font-normal text-slate-700">{username.clone()}</span></p>
                <p class="flex flex-wrap gap-2 text-sm">
                    {is_main.then(|| badge(Msg::MembersMain, false))}
                    {is_you.then(|| badge(Msg::MembersYou, false))}
                    {badge(if enabled { Msg::MembersActive } else { Msg::MembersDisabled }, !enabled)}
                    {(!password_set).then(|| badge(Msg::MembersNoPassword, true))}
                    {(password_set && !bound).then(|| badge(Msg::MembersNotBound, true))}
                </p>
            </div>
            <p class="text-sm text-slate-700 break-all">
                {[unit, title, email].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}
            </p>
            <p class="text-sm text-slate-700">
                {match last_sign_in_at {
                    Some(at) => format!("{} {}", t(Msg::MembersLastSignIn), taipei_datetime(at)),
                    None => t(Msg::MembersNever).to_string(),
                }}
            </p>
            <fieldset class="flex flex-col">
                <legend class="text-sm font-semibold">{t(Msg::MembersGrants)}</legend>
                {boxes}
            </fieldset>
            {(!is_main).then(|| view! {
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
                <Show when=move || handing_on.get()>
                    <div role="group" class="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                        <p>{transfer_text.clone()}</p>
                        <Show when=needs_step_up fallback=move || view! {
                            <div class="flex flex-wrap gap-2">
                                <button type="button" class=classes::BUTTON disabled=move || actions.transfer.pending().get()
                                    on:click=move |_| hand_on()>{t(Msg::MembersTransferYes)}</button>
                                <button type="button" class=classes::SECONDARY_BUTTON on:click=move |_| handing_on.set(false)>{t(Msg::MembersCancel)}</button>
                            </div>
                        }>
                            <p class="font-semibold">{t(Msg::MembersTransferVerify)}</p>
                            <StepUpForm on_verified=move |_| hand_on()/>
                        </Show>
                    </div>
                </Show>
                <Show when=move || confirming.get()>
                    <div role="group" class="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                        <p>{reset_text.clone()}</p>
                        <Show when=reset_needs_step_up fallback=move || view! {
                            <div class="flex flex-wrap gap-2">
                                <button type="button" class=classes::BUTTON disabled=move || actions.reset.pending().get()
                                    on:click=move |_| reset.run(())>{t(Msg::MembersResetYes)}</button>
                                <button type="button" class=classes::SECONDARY_BUTTON on:click=move |_| confirming.set(false)>{t(Msg::MembersCancel)}</button>
                            </div>
                        }>
                            <p class="font-semibold">{t(Msg::MembersResetVerify)}</p>
                            <StepUpForm on_verified=reset/>
                        </Show>
                    </div>
                </Show>
            })}
        </li>
    }
}
