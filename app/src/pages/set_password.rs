use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{classes, field_error, FormAlert, NewPasswordFields},
    i18n::{t, Msg},
    password::PasswordPolicy,
    server_fns::SetPassword,
};

/// The one-time link's page: choose a first password.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
    let action = ServerAction::<SetPassword>::new();
    let outcome = action.value();
    let done = move || matches!(outcome.get(), Some(Ok(())));
    view! {
        <Title text=t(Msg::SetPasswordTitle)/>
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::SetPasswordTitle)}</h1>
            <Show when=done fallback=move || {
                let token = token.clone();
                view! {
                <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                    <input type="hidden" name="token" value=token.clone()/>
                    // Links go to new admin-side accounts first; the server checks the account's own policy.
                    <NewPasswordFields policy=PasswordPolicy::admin() username=Signal::derive(String::new)
                        server_password_error=field_error(outcome, "password") server_confirm_error=field_error(outcome, "confirm")/>
                    <FormAlert outcome fields=&["password", "confirm"]/>
                    <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Save)}</button>
                </ActionForm>
            }}>
                <p role="status" class=classes::NOTICE>{t(Msg::PasswordSetDone)}</p>
                <a href="/sign-in" rel="external" class=classes::BUTTON>{t(Msg::SignIn)}</a>
            </Show>
        </section>
    }
}
