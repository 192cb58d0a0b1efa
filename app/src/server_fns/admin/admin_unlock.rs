use leptos::prelude::*;

use crate::error::AppError;

/// Ends an account's lockout. Central authority only; audited.
#[server(prefix = "/api/fn", endpoint = "admin_unlock")]
pub async fn admin_unlock(user_id: i64) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::admin::unlock(&state, RequestInfo::current(&state.settings), user_id).await
}
