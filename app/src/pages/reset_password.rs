use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{classes, field_error, CaptchaField, FormAlert, NewPasswordFields, TextField},
    i18n::{t, Msg},
    light::{error_field, posted_outcome, posted_value, Asset, LightPage, LightScript},
    password::PasswordPolicy,
};

const FIELDS: &[&str] = &["username", "code", "password", "confirm", "captcha"];

/// 忘記密碼, step two: the 8-digit code from the email and a new password, twice. A light page
/// (`crate::light`): the form posts to `/forgot-password/reset`, which answers with `?done=1`
/// or with this page, the username and code kept (never a password) and the error.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let (sent, done) = query.with_untracked(|q| (q.get("sent").is_some(), q.get("done").is_some()));
    let posted = |name| Some(posted_value(name)).filter(|v| !v.is_empty());
    let username =
        RwSignal::new(posted("username").or_else(|| query.with_untracked(|q| q.get("u"))).unwrap_or_default());
    let code = RwSignal::new(posted_value("code"));
    let outcome = posted_outcome::<()>("reset");
    let focus = error_field("reset", FIELDS);
    let form = move || {
        view! {
            <form method="post" action="/forgot-password/reset" class=classes::CARD novalidate=true>
                <TextField id="username" name="username" label=Msg::Username value=username autocomplete="username"
                    error=field_error(outcome, "username") required=true mono=true autofocus=focus == Some("username")/>
                <TextField id="code" name="code" label=Msg::EmailCode value=code autocomplete="one-time-code" inputmode="numeric"
                    hint=Msg::EmailCodeHint error=field_error(outcome, "code") required=true mono=true
                    autofocus=focus == Some("code") || (focus.is_none() && sent)/>
                // The account's policy is not known before the code is checked; the school
                // profile is the common case, and the server checks the account's own.
                <NewPasswordFields policy=PasswordPolicy::school() username=username
                    server_password_error=field_error(outcome, "password") server_confirm_error=field_error(outcome, "confirm") focus/>
                <CaptchaField error=field_error(outcome, "captcha")/>
                <FormAlert outcome fields=FIELDS/>
                <button type="submit" class=classes::BUTTON>{t(Msg::Save)}</button>
            </form>
        }
    };
    view! {
        <LightPage>
            <Title text=t(Msg::ResetPasswordTitle)/>
            <section class=classes::NARROW>
                <h1 class=classes::H1>{t(Msg::ResetPasswordTitle)}</h1>
                {if done {
                    view! {
                        <p role="status" class=classes::NOTICE>{t(Msg::PasswordResetDone)}</p>
                        <a href="/sign-in" rel="external" class=classes::BUTTON>{t(Msg::SignIn)}</a>
                    }.into_any()
                } else {
                    view! {
                        {sent.then(|| view! { <p role="status" class=classes::NOTICE>{t(Msg::ResetCodeSent)}</p> })}
                        {form()}
                        <LightScript script=Asset::Captcha/>
                    }.into_any()
                }}
            </section>
        </LightPage>
    }
}
