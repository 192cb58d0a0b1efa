use leptos::prelude::*;

use crate::error::AppError;

/// Grants (`on`) or revokes the subsystem `code` to a sub-account; only one the main account
/// holds itself.
#[server(prefix = "/api/fn", endpoint = "set_member_grant")]
pub async fn set_member_grant(user_id: i64, code: String, on: bool) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::members, state::app_state};
    let state = app_state()?;
    members::manage::set_grant(&state, RequestInfo::current(&state.auth), user_id, code, on).await
}
