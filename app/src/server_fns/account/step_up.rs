use leptos::prelude::*;

use crate::error::AppError;

/// 再次驗證: the authenticator's code again, before a change of sign-in settings.
#[server(prefix = "/api/fn", endpoint = "step_up")]
pub async fn step_up(code: String) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::totp_code::step_up(&state, info, code).await
}
