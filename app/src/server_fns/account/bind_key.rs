use leptos::prelude::*;

use crate::error::AppError;

/// Finishes binding: the new key as the browser made it (JSON, as webauthn-rs reads it).
#[server(prefix = "/api/fn", endpoint = "bind_key")]
pub async fn bind_key(credential: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::bind_key::finish(&state, RequestInfo::current(&state.settings), credential).await
}
