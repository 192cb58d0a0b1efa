use leptos::prelude::*;

use crate::error::AppError;

/// 忘記帳號: mails the usernames registered with an email address to it.
#[server(prefix = "/api/fn", endpoint = "remind_username")]
pub async fn remind_username(email: String, captcha: String) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::recovery::remind_username(&state, info, email, captcha).await
}
