use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{
        classes, field_error, CaptchaField, ExternalNotice, ExternalSignIn, FormAlert, PasskeySignIn,
        SubsystemAskingNote, TextField,
    },
    i18n::{t, Msg},
    server_fns::SignIn,
};

/// 登入: username, password and the CAPTCHA, then the code or the binding page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let outcome = action.value();
    let go = crate::components::use_go_next();
    Effect::new(move |_| {
        if let Some(Ok(next)) = outcome.get() {
            go.run(next);
        }
    });
    let (username, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    view! {
        <Title text=t(Msg::SignIn)/>
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::SignIn)}</h1>
            <ExternalNotice/>
            <SubsystemAskingNote client=Signal::derive(|| None::<String>) msg=Msg::SignInForSubsystem/>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <TextField id="username" name="username" label=Msg::Username value=username autocomplete="username"
                    hint=Msg::UsernameHint error=field_error(outcome, "username") required=true autofocus=true mono=true/>
                <TextField id="password" name="password" label=Msg::Password value=password input_type="password"
                    autocomplete="current-password" error=field_error(outcome, "password") required=true/>
                <CaptchaField round=action.version() error=field_error(outcome, "captcha")/>
                <FormAlert outcome fields=&["username", "password", "captcha"]/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::SignIn)}</button>
            </ActionForm>
            <p class="text-center text-slate-700" aria-hidden="true">{t(Msg::OrDivider)}</p>
            <div class=classes::CARD>
                <PasskeySignIn on_done=go/>
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
    }
}
