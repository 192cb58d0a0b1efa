use leptos::prelude::*;

use super::TextField;
use crate::{
    i18n::{t, LocalText, Msg},
    password::{check, strength, Composition, PasswordPolicy, Strength},
};

/// A new password and its confirmation, with the policy's rules said as the user types and
/// the 弱/中/強 meter: the same `check` and `strength` the server runs.
#[component]
pub fn NewPasswordFields(
    policy: PasswordPolicy,
    #[prop(into)] username: Signal<String>,
    /// The server's errors for `password` and `confirm`, after a submission.
    #[prop(into)]
    server_password_error: Signal<Option<LocalText>>,
    #[prop(into)] server_confirm_error: Signal<Option<LocalText>>,
    /// On a light page that came back refused: the field (`password`, `confirm`) the error
    /// names, which takes the focus.
    #[prop(default = None)]
    focus: Option<&'static str>,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let (p1, p2) = (policy.clone(), policy.clone());
    let live_error = Signal::derive(move || {
        let pw = password.get();
        if pw.is_empty() {
            return server_password_error.get();
        }
        let user = username.get();
        check(&p1, &pw, Some(&user)).into_iter().next().map(|p| p.text()).or_else(|| server_password_error.get())
    });
    let confirm_error = Signal::derive(move || {
        let c = confirm.get();
        if !c.is_empty() && c != password.get() {
            Some(LocalText::new(Msg::PasswordMismatch))
        } else {
            server_confirm_error.get()
        }
    });
    let meter = move || {
        let pw = password.get();
        (!pw.is_empty()).then(|| strength(&p2, &pw, Some(&username.get())))
    };
    view! {
        <TextField id="new-password" name="password" label=Msg::NewPassword value=password input_type="password"
            autocomplete="new-password" hint=policy_hint(&policy) error=live_error required=true autofocus=focus == Some("password")/>
        <p class="text-sm" aria-live="polite" data-testid="strength">
            {move || meter().map(|s| view! {
                <span class="font-semibold">{t(Msg::StrengthLabel)}" "</span>
                <span class="font-semibold" class:text-red-800=s == Strength::Weak class:text-amber-800=s == Strength::Medium
                    class:text-green-800=s == Strength::Strong>{t(s.label())}</span>
            })}
        </p>
        <TextField id="confirm-password" name="confirm" label=Msg::ConfirmPassword value=confirm input_type="password"
            autocomplete="new-password" error=confirm_error required=true autofocus=focus == Some("confirm")/>
    }
}

fn policy_hint(policy: &PasswordPolicy) -> Msg {
    if matches!(policy.composition, Composition::LettersAndDigitsWith(_)) {
        Msg::PolicyHintApplication
    } else if policy.min_length >= 12 {
        Msg::PolicyHintAdmin
    } else if policy.max_age_days.is_none() {
        Msg::PolicyHintNist
    } else {
        Msg::PolicyHintSchool
    }
}
