use leptos::prelude::*;

use crate::error::AppError;

/// Removes one of the account's own security keys.
#[server(prefix = "/api/fn", endpoint = "remove_key")]
pub async fn remove_key(id: i64) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::key_binding::remove(&state, info, id).await
}
