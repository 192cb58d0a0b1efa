use leptos::prelude::*;

use crate::error::AppError;

/// Begins binding a security key or passkey named `name`: what the browser asks it to make
/// (JSON, as webauthn-rs writes it).
#[server(prefix = "/api/fn", endpoint = "offer_key")]
pub async fn offer_key(name: String) -> Result<String, AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::bind_key::begin(&state, RequestInfo::current(&state.settings), name).await
}
