use leptos::prelude::*;

use crate::error::AppError;

/// Grants (`on`) or revokes the subsystem `code` to a sub-account, or with `function` one of
/// its functions (填報 `fill`, 提報 `submit`); only in a subsystem the main account holds.
#[server(prefix = "/api/fn", endpoint = "set_member_grant")]
pub async fn set_member_grant(user_id: i64, code: String, function: Option<String>, on: bool) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::members, state::app_state};
    let state = app_state()?;
    members::manage::set_grant(&state, RequestInfo::current(&state.settings), user_id, (code, function), on).await
}
