use leptos::prelude::*;

use super::{classes, field_error, use_viewer, FormAlert, KeyCheck, TextField};
use crate::{
    accounts::SignInNext,
    error::AppError,
    i18n::{t, Msg},
    server_fns::StepUp,
};

/// 再次驗證: the authenticator's code, or a bound security key, asked for before a change of
/// sign-in settings (the server refuses such changes without it). Runs `on_verified` once
/// either is accepted.
#[component]
pub fn StepUpForm(#[prop(into)] on_verified: Callback<()>) -> impl IntoView {
    let viewer = use_viewer();
    let key_bound = move || viewer.get().and_then(|v| v.ok().flatten()).is_some_and(|v| v.key_bound);
    let action = ServerAction::<StepUp>::new();
    let outcome = action.value();
    Effect::new(move |_| {
        if let Some(Ok(())) = outcome.get() {
            on_verified.run(());
        }
    });
    let by_key = Callback::new(move |answer: Result<SignInNext, AppError>| {
        if answer.is_ok() {
            on_verified.run(());
        }
    });
    let code = RwSignal::new(String::new());
    view! {
        <div class=classes::CARD data-testid="step-up">
            <h2 class="text-lg font-semibold">{t(Msg::StepUpTitle)}</h2>
            <p>{t(Msg::StepUpIntro)}</p>
            <Show when=key_bound>
                <KeyCheck on_done=by_key/>
                <h3 class="font-semibold">{t(Msg::OrEnterCode)}</h3>
            </Show>
            <ActionForm action=action attr:class="flex flex-col gap-4" attr:novalidate=true>
                <TextField id="step-up-code" name="code" label=Msg::TotpCode value=code autocomplete="one-time-code"
                    inputmode="numeric" error=field_error(outcome, "code") required=true autofocus=true mono=true/>
                <FormAlert outcome fields=&["code"]/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Verify)}</button>
            </ActionForm>
        </div>
    }
}
