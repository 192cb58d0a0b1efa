use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// Binds the offered authenticator with a current code.
#[server(prefix = "/api/fn", endpoint = "confirm_totp")]
pub async fn confirm_totp(code: String) -> Result<SignInNext, AppError> {
    use crate::{
        auth::{flows, RequestInfo},
        error::with_status,
        state::app_state,
    };
    let state = app_state()?;
    with_status(flows::bind_totp::confirm(&state, RequestInfo::current(&state), code).await)
}
