use leptos::prelude::*;

use crate::error::AppError;

/// Turns password sign-in back on with a new password (after a fresh verification).
#[server(prefix = "/api/fn", endpoint = "enable_password_sign_in")]
pub async fn enable_password_sign_in(password: String, confirm: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::password_sign_in::enable(&state, RequestInfo::current(&state.settings), password, confirm).await
}
