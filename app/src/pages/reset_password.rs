use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{classes, field_error, CaptchaField, FormAlert, NewPasswordFields, TextField},
    i18n::{t, Msg},
    password::PasswordPolicy,
    server_fns::ResetPassword,
};

/// 忘記密碼, step two: the 8-digit code from the email and a new password, twice.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let sent = query.with_untracked(|q| q.get("sent").is_some());
    let username = RwSignal::new(query.with_untracked(|q| q.get("u").unwrap_or_default()));
    let code = RwSignal::new(String::new());
    let action = ServerAction::<ResetPassword>::new();
    let outcome = action.value();
    let done = move || matches!(outcome.get(), Some(Ok(())));
    view! {
        <Title text=t(Msg::ResetPasswordTitle)/>
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::ResetPasswordTitle)}</h1>
            {sent.then(|| view! { <p role="status" class=classes::NOTICE>{t(Msg::ResetCodeSent)}</p> })}
            <Show when=done fallback=move || view! {
                <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                    <TextField id="username" name="username" label=Msg::Username value=username autocomplete="username"
                        error=field_error(outcome, "username") required=true mono=true/>
                    <TextField id="code" name="code" label=Msg::EmailCode value=code autocomplete="one-time-code" inputmode="numeric"
                        hint=Msg::EmailCodeHint error=field_error(outcome, "code") required=true mono=true/>
                    // The account's policy is not known before the code is checked; the school
                    // profile is the common case, and the server checks the account's own.
                    <NewPasswordFields policy=PasswordPolicy::school() username=username
                        server_password_error=field_error(outcome, "password") server_confirm_error=field_error(outcome, "confirm")/>
                    <CaptchaField round=action.version() error=field_error(outcome, "captcha")/>
                    <FormAlert outcome fields=&["username", "code", "password", "confirm", "captcha"]/>
                    <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Save)}</button>
                </ActionForm>
            }>
                <p role="status" class=classes::NOTICE>{t(Msg::PasswordResetDone)}</p>
                <a href="/sign-in" rel="external" class=classes::BUTTON>{t(Msg::SignIn)}</a>
            </Show>
        </section>
    }
}
