use leptos::prelude::*;

use crate::error::AppError;

/// 忘記帳號: mails the usernames registered with an email address to it.
#[server(prefix = "/api/fn", endpoint = "remind_username")]
pub async fn remind_username(email: String, captcha: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::recovery::remind_username(&state, RequestInfo::current(&state.settings), email, captcha).await
}
