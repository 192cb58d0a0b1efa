use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{classes, field_error, use_viewer, Access, CaptchaField, FormAlert, Protected, TextField},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::{ConfirmBindingReset, RequestBindingReset},
};

/// 重設登入綁定 (the phone with the authenticator is lost): the verified email and a CAPTCHA
/// for an emergency code by mail, then the code, with the minutes it has left. The letters of
/// the newest code are shown, so that the user picks the right mail.
#[component]
pub fn ResetBindingPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::ResetBindingTitle)/>
        <Protected access=Access::CodeStep render=|viewer| match viewer.emergency_reset.refusal() {
            None => view! { <ResetBinding/> }.into_any(),
            Some(instead) => view! { <NotOffered instead/> }.into_any(),
        }/>
    }
}

/// This sign-in may not reset its bindings (begun with Google, password sign-in off, or no
/// authenticator): what to do instead; the server refuses the reset all the same.
#[component]
fn NotOffered(instead: Msg) -> impl IntoView {
    view! {
        <section class=classes::NARROW>
            <a href="/sign-in/verify" rel="external" class="self-start">{t(Msg::BackToVerify)}</a>
            <h1 class=classes::H1>{t(Msg::ResetBindingTitle)}</h1>
            <p role="alert" class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950" data-testid="no-emergency-reset">
                {t(instead)}
            </p>
        </section>
    }
}

#[component]
fn ResetBinding() -> impl IntoView {
    let request = ServerAction::<RequestBindingReset>::new();
    let sent = request.value();
    let confirm = ServerAction::<ConfirmBindingReset>::new();
    let confirmed = confirm.value();
    let remaining = RwSignal::new(0i64);
    Effect::new(move |_| {
        if let Some(Ok(s)) = sent.get() {
            remaining.set(s.seconds);
        }
    });
    // A countdown in the browser; the server decides all the same.
    Effect::new(move |_| {
        let _ = set_interval_with_handle(move || remaining.update(|r| *r = (*r - 1).max(0)), Duration::from_secs(1));
    });
    let viewer = use_viewer();
    let go_next = crate::components::use_go_next();
    Effect::new(move |_| match confirmed.get() {
        Some(Ok(next)) => {
            go_next.run(next);
        }
        // A lockout ends the half-finished sign-in: start again from the first step.
        Some(Err(AppError::Unauthorized)) => {
            viewer.refetch();
            crate::light::load_whole("/sign-in");
        }
        _ => {}
    });
    let (email, code) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let was_sent = move || matches!(sent.get(), Some(Ok(_)));
    view! {
        <section class=classes::NARROW>
            <a href="/sign-in/verify" rel="external" class="self-start">{t(Msg::BackToVerify)}</a>
            <h1 class=classes::H1>{t(Msg::ResetBindingTitle)}</h1>
            <p>{t(Msg::ResetBindingIntro)}</p>
            <p class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">{t(Msg::ResetBindingWarning)}</p>
            <ActionForm action=request attr:class=classes::CARD attr:novalidate=true attr:data-testid="emergency-request">
                <TextField id="email" name="email" label=Msg::Email value=email input_type="email" autocomplete="email"
                    hint=Msg::ResetBindingEmailHint error=field_error(sent, "email") required=true/>
                <CaptchaField round=request.version() error=field_error(sent, "captcha")/>
                <FormAlert outcome=sent fields=&["email", "captcha"]/>
                <button type="submit" class=move || if was_sent() { classes::SECONDARY_BUTTON } else { classes::BUTTON }
                    disabled=move || request.pending().get()>
                    {move || t(if was_sent() { Msg::ResendEmergencyCode } else { Msg::SendEmergencyCode })}
                </button>
            </ActionForm>
            {move || sent.get().and_then(Result::ok).map(|s| {
                let told = tr(&LocalText::new(Msg::EmergencySent).arg("email", &s.email).arg("letters", &s.letters));
                let hint = LocalText::new(Msg::EmergencyCodeHint).arg("letters", &s.letters);
                view! {
                    <div class=classes::CARD data-testid="emergency-confirm">
                        <p role="status" class=classes::NOTICE>{told}</p>
                        <p role="timer" aria-live="off" class="font-semibold" data-testid="countdown">
                            {move || match remaining.get() {
                                0 => t(Msg::EmergencyExpired).to_string(),
                                r => tr(&LocalText::new(Msg::EmergencyRemaining).arg("time", format!("{:02}:{:02}", r / 60, r % 60))),
                            }}
                        </p>
                        <ActionForm action=confirm attr:class="flex flex-col gap-4" attr:novalidate=true>
                            <TextField id="emergency-code" name="code" label=Msg::EmergencyCode value=code autocomplete="one-time-code"
                                hint error=field_error(confirmed, "code") required=true mono=true/>
                            <FormAlert outcome=confirmed fields=&["code"]/>
                            <button type="submit" class=classes::BUTTON disabled=move || confirm.pending().get()>{t(Msg::Verify)}</button>
                        </ActionForm>
                    </div>
                }
            })}
        </section>
    }
}
