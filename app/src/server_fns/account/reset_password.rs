use leptos::prelude::*;

use crate::error::AppError;

/// 忘記密碼, step two: the emailed code and a new password, twice.
#[server(prefix = "/api/fn", endpoint = "reset_password")]
pub async fn reset_password(
    username: String,
    code: String,
    password: String,
    confirm: String,
    captcha: String,
) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::password::reset_with_code(&state, info, username, code, password, confirm, captcha).await
}
