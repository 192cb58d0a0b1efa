use leptos::prelude::*;

use crate::error::AppError;

/// Sets a first password from a one-time link.
#[server(prefix = "/api/fn", endpoint = "set_password")]
pub async fn set_password(token: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::password::set_with_link(&state, RequestInfo::current(&state.settings), token, password, confirm).await
}
