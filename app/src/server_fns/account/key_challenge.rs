use leptos::prelude::*;

use crate::error::AppError;

/// What the browser asks the account's keys to sign: for the sign-in's second step, or for
/// a step-up once signed in.
#[server(prefix = "/api/fn", endpoint = "key_challenge")]
pub async fn key_challenge() -> Result<String, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::key_sign_in::begin(&state, info).await
}
