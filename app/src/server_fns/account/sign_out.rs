use leptos::prelude::*;

use crate::error::AppError;

/// Ends this session on the server.
#[server(prefix = "/api/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::sign_out::sign_out(&state, RequestInfo::current(&state.settings)).await
}
