use leptos::prelude::*;

use crate::error::AppError;

/// 補寄驗證信: a new link to set the password, to an account whose name, username and email
/// match and whose password was never set. The same answer whatever matched.
#[server(prefix = "/api/fn", endpoint = "resend_set_password_link")]
pub async fn resend_set_password_link(
    name: String,
    username: String,
    email: String,
    captcha: String,
) -> Result<(), AppError> {
    use crate::{flows::accounts::recovery, state::request};
    let (state, info) = request()?;
    recovery::resend_link(&state, info, name, username, email, captcha).await
}
