use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// The authenticator code that completes a sign-in.
#[server(prefix = "/api/fn", endpoint = "verify_code")]
pub async fn verify_code(code: String) -> Result<SignInNext, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::totp_code::verify_code(&state, info, code).await
}
