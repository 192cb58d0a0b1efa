use leptos::prelude::*;

use super::{field_error, CaptchaField, FormAlert, Outcome, TextField};
use crate::i18n::Msg;

/// The fields by which an account is claimed without signing in (忘記密碼, 補寄驗證信): the
/// name, the username and the account's email, then the CAPTCHA, and what the server refused.
/// Inside the caller's form; `username` is the caller's, for the step that follows.
#[component]
pub fn ClaimFields(
    outcome: Outcome<()>,
    /// The action's version: each submission takes a new CAPTCHA.
    #[prop(into)]
    round: Signal<usize>,
    username: RwSignal<String>,
) -> impl IntoView {
    let (name, email) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    view! {
        <TextField id="name" name="name" label=Msg::DisplayName value=name autocomplete="name" error=field_error(outcome, "name") required=true/>
        <TextField id="username" name="username" label=Msg::Username value=username autocomplete="username"
            hint=Msg::UsernameHint error=field_error(outcome, "username") required=true mono=true/>
        <TextField id="email" name="email" label=Msg::Email value=email input_type="email" autocomplete="email"
            error=field_error(outcome, "email") required=true/>
        <CaptchaField round error=field_error(outcome, "captcha")/>
        <FormAlert outcome fields=&["name", "username", "email", "captcha"]/>
    }
}
