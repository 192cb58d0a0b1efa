use leptos::prelude::*;

use super::{field_error, CaptchaField, FormAlert, TextField};
use crate::{
    i18n::Msg,
    light::{error_field, posted_outcome, posted_value},
};

const FIELDS: &[&str] = &["name", "username", "email", "captcha"];

/// The fields by which an account is claimed without signing in (忘記密碼, 補寄驗證信): the
/// name, the username and the account's email, then the CAPTCHA, and what the server refused.
/// Inside a light page's form (`crate::light`) whose post is named `form`: a refused post
/// comes back with what was typed, the error at its field and the focus there.
#[component]
pub fn ClaimFields(form: &'static str) -> impl IntoView {
    let outcome = posted_outcome::<()>(form);
    let focus = error_field(form, FIELDS);
    let value = |name| RwSignal::new(posted_value(name));
    let (name, username, email) = (value("name"), value("username"), value("email"));
    view! {
        <TextField id="name" name="name" label=Msg::DisplayName value=name autocomplete="name" error=field_error(outcome, "name")
            required=true autofocus=focus == Some("name")/>
        <TextField id="username" name="username" label=Msg::Username value=username autocomplete="username"
            hint=Msg::UsernameHint error=field_error(outcome, "username") required=true mono=true autofocus=focus == Some("username")/>
        <TextField id="email" name="email" label=Msg::Email value=email input_type="email" autocomplete="email"
            error=field_error(outcome, "email") required=true autofocus=focus == Some("email")/>
        <CaptchaField error=field_error(outcome, "captcha")/>
        <FormAlert outcome fields=FIELDS/>
    }
}
