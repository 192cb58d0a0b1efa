use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// The key's signed answer (JSON, as webauthn-rs reads it), completing the sign-in.
#[server(prefix = "/api/fn", endpoint = "sign_in_with_key")]
pub async fn sign_in_with_key(credential: String) -> Result<SignInNext, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::key_sign_in::sign_in(&state, info, credential).await
}
