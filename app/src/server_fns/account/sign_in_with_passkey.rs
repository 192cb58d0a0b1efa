use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// A passkey's answer (JSON, as webauthn-rs reads it) to the ceremony `token`: the account it
/// belongs to is signed in, without a username or password.
#[server(prefix = "/api/fn", endpoint = "sign_in_with_passkey")]
pub async fn sign_in_with_passkey(token: String, credential: String) -> Result<SignInNext, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::passkey::sign_in(&state, info, token, credential).await
}
