use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::{
    components::{classes, field_error, use_viewer, Access, FormAlert, Protected, TextField},
    i18n::{t, Msg},
    server_fns::VerifyCode,
};

/// The second step: the 6-digit code from the authenticator app.
#[component]
pub fn VerifyCodePage() -> impl IntoView {
    view! {
        <Title text=t(Msg::VerifyTitle)/>
        <Protected access=Access::CodeStep render=|_| view! { <CodeForm/> }.into_any()/>
    }
}

#[component]
fn CodeForm() -> impl IntoView {
    let action = ServerAction::<VerifyCode>::new();
    let outcome = action.value();
    let viewer = use_viewer();
    let navigate = use_navigate();
    Effect::new(move |_| {
        match outcome.get() {
            Some(Ok(next)) => {
                viewer.refetch();
                navigate(next.path(), Default::default());
            }
            // A lockout ends the half-finished sign-in: start again from the first step.
            Some(Err(crate::error::AppError::Unauthorized)) => {
                viewer.refetch();
                navigate("/sign-in", Default::default());
            }
            _ => {}
        }
    });
    let code = RwSignal::new(String::new());
    view! {
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::VerifyTitle)}</h1>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <TextField id="code" name="code" label=Msg::TotpCode value=code autocomplete="one-time-code" inputmode="numeric"
                    hint=Msg::TotpCodeHint error=field_error(outcome, "code") required=true autofocus=true mono=true/>
                <FormAlert outcome fields=&["code"]/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Verify)}</button>
            </ActionForm>
        </section>
    }
}
