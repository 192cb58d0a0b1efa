use leptos::prelude::*;

use crate::error::AppError;

/// Finishes binding: the new key as the browser made it (JSON, as webauthn-rs reads it).
#[server(prefix = "/api/fn", endpoint = "bind_key")]
pub async fn bind_key(credential: String) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::key_binding::finish(&state, info, credential).await
}
