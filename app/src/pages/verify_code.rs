use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::{
    accounts::{EmergencyReset, SignInNext},
    components::{classes, field_error, use_viewer, Access, FormAlert, KeyCheck, Protected, TextField},
    error::AppError,
    i18n::{t, Msg},
    server_fns::VerifyCode,
};

/// The second step: the 6-digit code from the authenticator app.
#[component]
pub fn VerifyCodePage() -> impl IntoView {
    view! {
        <Title text=t(Msg::VerifyTitle)/>
        <Protected access=Access::CodeStep render=|viewer| {
            view! { <CodeForm key_bound=viewer.key_bound emergency=viewer.emergency_reset/> }.into_any()
        }/>
    }
}

#[component]
fn CodeForm(key_bound: bool, emergency: EmergencyReset) -> impl IntoView {
    let action = ServerAction::<VerifyCode>::new();
    let outcome = action.value();
    let viewer = use_viewer();
    let navigate = use_navigate();
    let go_next = crate::components::use_go_next();
    // Where a second step leads, by code or by key.
    let done = Callback::new(move |answer: Result<SignInNext, AppError>| match answer {
        Ok(next) => {
            go_next.run(next);
        }
        // A lockout ends the half-finished sign-in: start again from the first step.
        Err(AppError::Unauthorized) => {
            viewer.refetch();
            navigate("/sign-in", Default::default());
        }
        Err(_) => {}
    });
    Effect::new(move |_| {
        if let Some(answer) = outcome.get() {
            done.run(answer);
        }
    });
    let code = RwSignal::new(String::new());
    view! {
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::VerifyTitle)}</h1>
            {key_bound.then(|| view! {
                <div class=classes::CARD><KeyCheck on_done=done/></div>
                <h2 class="text-lg font-semibold">{t(Msg::OrEnterCode)}</h2>
            })}
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <TextField id="code" name="code" label=Msg::TotpCode value=code autocomplete="one-time-code" inputmode="numeric"
                    hint=Msg::TotpCodeHint error=field_error(outcome, "code") required=true autofocus=!key_bound mono=true/>
                <FormAlert outcome fields=&["code"]/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Verify)}</button>
            </ActionForm>
            // 重設登入綁定 only after the password itself was proved in this sign-in (SPEC §3);
            // otherwise what to do instead.
            {match emergency.refusal() {
                None => view! { <a href="/sign-in/reset-binding" class="self-start">{t(Msg::ResetBindingLink)}</a> }.into_any(),
                Some(instead) => view! {
                    <p class="text-sm text-slate-700" data-testid="no-emergency-reset">{t(Msg::ResetBindingLink)}" "{t(instead)}</p>
                }.into_any(),
            }}
        </section>
    }
}
