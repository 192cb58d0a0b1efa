use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{classes, field_error, CaptchaField, FormAlert, TextField},
    i18n::{t, Msg},
    server_fns::RemindUsername,
};

/// 忘記帳號: the usernames registered with an email address go to that address.
#[component]
pub fn ForgotAccountPage() -> impl IntoView {
    let action = ServerAction::<RemindUsername>::new();
    let outcome = action.value();
    let email = RwSignal::new(String::new());
    view! {
        <Title text=t(Msg::ForgotAccount)/>
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::ForgotAccount)}</h1>
            <p>{t(Msg::ForgotAccountIntro)}</p>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <TextField id="email" name="email" label=Msg::Email value=email input_type="email" autocomplete="email"
                    error=field_error(outcome, "email") required=true/>
                <CaptchaField round=action.version() error=field_error(outcome, "captcha")/>
                <FormAlert outcome fields=&["email", "captcha"]/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Send)}</button>
            </ActionForm>
            <p role="status" aria-live="polite">
                {move || matches!(outcome.get(), Some(Ok(()))).then(|| view! { <span class=classes::NOTICE>{t(Msg::UsernamesSent)}</span> })}
            </p>
        </section>
    }
}
