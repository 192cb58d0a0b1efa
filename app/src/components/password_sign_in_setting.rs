use leptos::prelude::*;

use super::{classes, field_error, FormAlert, NewPasswordFields};
use crate::{
    accounts::Viewer,
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::{disable_password_sign_in, passkey_options, EnablePasswordSignIn},
};

/// Any passkey of this site answers a new open ceremony: the ceremony's token and the answer,
/// for confirming 停用帳號密碼登入 with it.
async fn passkey_answer() -> Result<(String, String), AppError> {
    let challenge = passkey_options().await?;
    let credential = crate::browser_keys::get(challenge.options).await?;
    Ok((challenge.token, credential))
}

/// 登入設定's 帳號密碼登入 card: whether the password signs in; turning it off (only with a
/// key bound, confirmed by one of the keys signing in password-free); turning it back on with
/// a new password. `on_changed` gets what to tell the user, or `None` when the page is to ask
/// for a fresh verification again.
#[component]
pub fn PasswordSignInSetting(
    /// Whether the password signs in now.
    enabled: bool,
    /// The names of the account's keys, which are what remains once the password is off.
    keys: Vec<String>,
    /// The linked Google account (its email), which also remains.
    external: Option<String>,
    viewer: Viewer,
    #[prop(into)] on_changed: Callback<Option<String>>,
) -> impl IntoView {
    let body = match (enabled, keys.is_empty(), external) {
        (false, _, _) => view! { <TurnOn viewer on_changed/> }.into_any(),
        // With a key, the key confirms: it is seen to sign in alone.
        (true, false, _) => {
            let confirm = tr(&LocalText::new(Msg::DisablePasswordConfirm).arg("keys", keys.join("、")));
            view! { <TurnOff confirm by_key=true on_changed/> }.into_any()
        }
        (true, true, Some(account)) => {
            let confirm = tr(&LocalText::new(Msg::DisablePasswordConfirmExternal).arg("account", account));
            view! { <TurnOff confirm by_key=false on_changed/> }.into_any()
        }
        (true, true, None) => view! { <p class="text-slate-700">{t(Msg::PasswordSignInNeedsKey)}</p> }.into_any(),
    };
    view! {
        <div class=classes::CARD data-testid="password-sign-in">
            <h2 class="text-lg font-semibold">{t(Msg::PasswordSignInHeading)}</h2>
            <p>{t(if enabled { Msg::PasswordSignInIsOn } else { Msg::PasswordSignInIsOff })}</p>
            {body}
        </div>
    }
}

/// The confirmation `confirm` (what remains), then turning off: `by_key` with a passkey's
/// password-free answer, otherwise on the session's fresh verification.
#[component]
fn TurnOff(confirm: String, by_key: bool, on_changed: Callback<Option<String>>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let ask = Action::new_local(move |_: &()| async move {
        let (token, credential) = if by_key { passkey_answer().await? } else { Default::default() };
        disable_password_sign_in(token, credential).await
    });
    let outcome = ask.value();
    Effect::new(move |_| match outcome.get() {
        Some(Ok(())) => on_changed.run(Some(t(Msg::PasswordSignInDisabledDone).to_string())),
        Some(Err(AppError::StepUpRequired)) => on_changed.run(None),
        _ => {}
    });
    view! {
        <Show when=move || asking.get() fallback=move || view! {
            <button type="button" class=classes::SECONDARY_BUTTON class:self-start=true
                on:click=move |_| asking.set(true)>{t(Msg::DisablePasswordSignIn)}</button>
        }>
            <div class="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3" role="group"
                aria-label=t(Msg::DisablePasswordSignIn)>
                <p>{confirm.clone()}</p>
                <div class="flex flex-wrap gap-2">
                    <button type="button" class=classes::BUTTON disabled=move || ask.pending().get()
                        on:click=move |_| { ask.dispatch(()); }>
                        {t(if by_key { Msg::DisablePasswordYes } else { Msg::DisablePasswordYesPlain })}
                    </button>
                    <button type="button" class=classes::SECONDARY_BUTTON on:click=move |_| asking.set(false)>{t(Msg::Cancel)}</button>
                </div>
                <p role="status" aria-live="polite" class="text-sm">{move || ask.pending().get().then(|| t(Msg::KeyWaiting))}</p>
                <FormAlert outcome fields=&[]/>
            </div>
        </Show>
    }
}

#[component]
fn TurnOn(viewer: Viewer, on_changed: Callback<Option<String>>) -> impl IntoView {
    let action = ServerAction::<EnablePasswordSignIn>::new();
    let outcome = action.value();
    Effect::new(move |_| match outcome.get() {
        Some(Ok(())) => on_changed.run(Some(t(Msg::PasswordSignInEnabledDone).to_string())),
        Some(Err(AppError::StepUpRequired)) => on_changed.run(None),
        _ => {}
    });
    let username = viewer.username.clone();
    view! {
        <ActionForm action=action attr:class="flex flex-col gap-4" attr:novalidate=true>
            <p class="text-slate-700">{t(Msg::EnablePasswordIntro)}</p>
            <NewPasswordFields policy=viewer.password_policy.clone() username=Signal::derive(move || username.clone())
                server_password_error=field_error(outcome, "password") server_confirm_error=field_error(outcome, "confirm")/>
            <FormAlert outcome fields=&["password", "confirm"]/>
            <button type="submit" class=classes::BUTTON class:self-start=true disabled=move || action.pending().get()>
                {t(Msg::EnablePasswordSignIn)}
            </button>
        </ActionForm>
    }
}
