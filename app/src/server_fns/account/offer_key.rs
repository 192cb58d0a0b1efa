use leptos::prelude::*;

use crate::error::AppError;

/// Begins binding a security key or passkey named `name`: what the browser asks it to make
/// (JSON, as webauthn-rs writes it).
#[server(prefix = "/api/fn", endpoint = "offer_key")]
pub async fn offer_key(name: String) -> Result<String, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::key_binding::begin(&state, info, name).await
}
