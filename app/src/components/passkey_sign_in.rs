use leptos::prelude::*;

use super::{classes, FormAlert};
use crate::{
    accounts::SignInNext,
    browser_keys,
    error::AppError,
    i18n::{t, Msg},
    server_fns::{passkey_options, sign_in_with_passkey},
};

/// Any passkey of this site answers a new open ceremony: the ceremony's token and the answer,
/// for the server function that acts on it (sign-in, or confirming 停用帳號密碼登入).
pub(crate) async fn passkey_answer() -> Result<(String, String), AppError> {
    let challenge = passkey_options().await?;
    let credential = browser_keys::get(challenge.options).await?;
    Ok((challenge.token, credential))
}

/// 以通行金鑰登入: one button on the sign-in page, then the browser's own dialog; the passkey
/// says whose it is, so nothing is typed. `on_done` gets where to go next.
#[component]
pub fn PasskeySignIn(#[prop(into)] on_done: Callback<SignInNext>) -> impl IntoView {
    let ask = Action::new_local(|_: &()| async move {
        let (token, credential) = passkey_answer().await?;
        sign_in_with_passkey(token, credential).await
    });
    let outcome = ask.value();
    Effect::new(move |_| {
        if let Some(Ok(next)) = outcome.get() {
            on_done.run(next);
        }
    });
    view! {
        <div class="flex flex-col gap-2" data-testid="passkey-sign-in">
            <button type="button" class=classes::SECONDARY_BUTTON aria-describedby="passkey-hint"
                disabled=move || ask.pending().get() on:click=move |_| {
                    ask.dispatch(());
                }>{t(Msg::PasskeySignIn)}</button>
            <p id="passkey-hint" class="text-sm text-slate-700">{t(Msg::PasskeySignInHint)}</p>
            <p role="status" aria-live="polite" class="text-sm">{move || ask.pending().get().then(|| t(Msg::KeyWaiting))}</p>
            <FormAlert outcome fields=&[]/>
        </div>
    }
}
