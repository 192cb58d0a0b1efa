use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// Binds the offered authenticator with a current code.
#[server(prefix = "/api/fn", endpoint = "confirm_totp")]
pub async fn confirm_totp(code: String) -> Result<SignInNext, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::totp_binding::confirm(&state, info, code).await
}
