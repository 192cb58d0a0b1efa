use leptos::prelude::*;

use crate::error::AppError;

/// 忘記密碼: sends a code when name, username and email match. Answers the same either way.
#[server(prefix = "/api/fn", endpoint = "request_password_reset")]
pub async fn request_password_reset(
    name: String,
    username: String,
    email: String,
    captcha: String,
) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::recovery::request_reset(&state, info, name, username, email, captcha).await
}
