use leptos::prelude::*;

use super::{classes, field_error, FormAlert, TextField};
use crate::{
    i18n::{t, Msg},
    server_fns::StepUp,
};

/// 再次驗證: the authenticator's code, asked for before a change of sign-in settings (the
/// server refuses such changes without it). Runs `on_verified` once the code is accepted.
#[component]
pub fn StepUpForm(#[prop(into)] on_verified: Callback<()>) -> impl IntoView {
    let action = ServerAction::<StepUp>::new();
    let outcome = action.value();
    Effect::new(move |_| {
        if let Some(Ok(())) = outcome.get() {
            on_verified.run(());
        }
    });
    let code = RwSignal::new(String::new());
    view! {
        <ActionForm action=action attr:class=classes::CARD attr:novalidate=true attr:data-testid="step-up">
            <h2 class="text-lg font-semibold">{t(Msg::StepUpTitle)}</h2>
            <p>{t(Msg::StepUpIntro)}</p>
            <TextField id="step-up-code" name="code" label=Msg::TotpCode value=code autocomplete="one-time-code"
                inputmode="numeric" error=field_error(outcome, "code") required=true autofocus=true mono=true/>
            <FormAlert outcome fields=&["code"]/>
            <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Verify)}</button>
        </ActionForm>
    }
}
