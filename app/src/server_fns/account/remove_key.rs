use leptos::prelude::*;

use crate::error::AppError;

/// Removes one of the account's own security keys.
#[server(prefix = "/api/fn", endpoint = "remove_key")]
pub async fn remove_key(id: i64) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::bind_key::remove(&state, RequestInfo::current(&state.settings), id).await
}
