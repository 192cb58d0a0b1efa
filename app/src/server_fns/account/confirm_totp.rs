use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// Binds the offered authenticator with a current code.
#[server(prefix = "/api/fn", endpoint = "confirm_totp")]
pub async fn confirm_totp(code: String) -> Result<SignInNext, AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::bind_totp::confirm(&state, RequestInfo::current(&state.settings), code).await
}
