use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::SignInNext,
    components::{
        classes, field_error, CaptchaField, ExternalNotice, ExternalSignIn, FormAlert, KeyForm, SubsystemAskingNote,
        TextField,
    },
    i18n::{t, Msg},
    light::{error_field, posted_outcome, posted_value, Asset, LightPage, LightScript},
};

const FIELDS: &[&str] = &["username", "password", "captcha"];

/// 登入: username, password and the CAPTCHA, then the code or the binding page. A light page
/// (`crate::light`): its forms post to `/sign-in`, which goes on or answers with this page and
/// the error.
#[component]
pub fn SignInPage() -> impl IntoView {
    let outcome = posted_outcome::<SignInNext>("password");
    let username = RwSignal::new(posted_value("username"));
    let password = RwSignal::new(String::new());
    // The field named by the error; else the password, typed again, once a username is in.
    let focus = match error_field("password", &["username", "password"]) {
        Some(field) => field,
        None if !username.get_untracked().is_empty() => "password",
        None => "username",
    };
    view! {
        <LightPage>
            <Title text=t(Msg::SignIn)/>
            <section class=classes::NARROW>
                <h1 class=classes::H1>{t(Msg::SignIn)}</h1>
                <ExternalNotice/>
                <SubsystemAskingNote client=Signal::derive(|| None::<String>) msg=Msg::SignInForSubsystem/>
                <form method="post" action="/sign-in" class=classes::CARD novalidate=true data-testid="password-form">
                    <TextField id="username" name="username" label=Msg::Username value=username autocomplete="username"
                        hint=Msg::UsernameHint error=field_error(outcome, "username") required=true
                        autofocus=focus == "username" mono=true/>
                    <TextField id="password" name="password" label=Msg::Password value=password input_type="password"
                        autocomplete="current-password" error=field_error(outcome, "password") required=true
                        autofocus=focus == "password"/>
                    <CaptchaField error=field_error(outcome, "captcha")/>
                    <FormAlert outcome fields=FIELDS/>
                    <button type="submit" class=classes::BUTTON>{t(Msg::SignIn)}</button>
                </form>
                <p class="text-center text-slate-700" aria-hidden="true">{t(Msg::OrDivider)}</p>
                <div class=classes::CARD>
                    // 以通行金鑰登入: the passkey says whose it is, so nothing is typed.
                    <KeyForm action="/sign-in" form="passkey" ceremony="passkey_options" test_id="passkey-sign-in"
                        label=Msg::PasskeySignIn hint=Msg::PasskeySignInHint/>
                    <ExternalSignIn/>
                </div>
                <p class="flex flex-wrap gap-4">
                    <a href="/forgot-password">{t(Msg::ForgotPassword)}</a>
                    <a href="/forgot-account">{t(Msg::ForgotAccount)}</a>
                    <a href="/resend-link">{t(Msg::ResendLinkLink)}</a>
                    <a href="/apply">{t(Msg::ApplyLink)}</a>
                    <a href="/request-main-account">{t(Msg::MainRequestLink)}</a>
                    <a href="/who-administers">{t(Msg::AdminsLookupLink)}</a>
                </p>
            </section>
            <LightScript script=Asset::Captcha/>
            <LightScript script=Asset::Passkey/>
        </LightPage>
    }
}
