use leptos::prelude::*;

use super::{classes, FormAlert};
use crate::{
    accounts::SignInNext,
    browser_keys,
    error::AppError,
    i18n::{t, Msg},
    server_fns::{key_challenge, step_up_with_key},
};

/// A bound security key or passkey proved at a step-up: one button, then the browser's own
/// dialog. `on_done` gets home, or the error (a lockout included) to act on. (The sign-in's
/// own key step is the light code page's `KeyForm`.)
#[component]
pub fn KeyCheck(#[prop(into)] on_done: Callback<Result<SignInNext, AppError>>) -> impl IntoView {
    let ask = Action::new_local(move |_: &()| async move {
        let options = key_challenge().await?;
        let credential = browser_keys::get(options).await?;
        step_up_with_key(credential).await.map(|()| SignInNext::Home)
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
