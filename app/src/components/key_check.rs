use leptos::prelude::*;

use super::{classes, FormAlert};
use crate::{
    accounts::SignInNext,
    browser_keys,
    error::AppError,
    i18n::{t, Msg},
    server_fns::{key_challenge, sign_in_with_key, step_up_with_key},
};

/// A bound security key or passkey proved: one button, then the browser's own dialog. At the
/// sign-in's second step, or (`step_up`) at a step-up. `on_done` gets where to go next (home
/// after a step-up), or the error (a lockout included) to act on.
#[component]
pub fn KeyCheck(
    #[prop(optional)] step_up: bool,
    #[prop(into)] on_done: Callback<Result<SignInNext, AppError>>,
) -> impl IntoView {
    let ask = Action::new_local(move |_: &()| async move {
        let options = key_challenge().await?;
        let credential = browser_keys::get(options).await?;
        match step_up {
            true => step_up_with_key(credential).await.map(|()| SignInNext::Home),
            false => sign_in_with_key(credential).await,
        }
    });
    let outcome = ask.value();
    Effect::new(move |_| {
        if let Some(answer) = outcome.get() {
            on_done.run(answer);
        }
    });
    view! {
        <div class="flex flex-col gap-3" data-testid="key-check">
            <p class="text-sm text-slate-700">{t(Msg::UseKeyHint)}</p>
            <button type="button" class=classes::BUTTON disabled=move || ask.pending().get() on:click=move |_| {
                ask.dispatch(());
            }>{t(Msg::UseKey)}</button>
            <div>
                <p role="status" aria-live="polite" class="text-sm">{move || ask.pending().get().then(|| t(Msg::KeyWaiting))}</p>
                <FormAlert outcome fields=&[]/>
            </div>
        </div>
    }
}
