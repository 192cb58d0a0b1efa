use leptos::prelude::*;

use crate::error::AppError;

/// Grants (`on`) or revokes the subsystem `code` to a sub-account, or with `function` one of
/// its functions (填報 `fill`, 提報 `submit`); only in a subsystem the main account holds.
#[server(prefix = "/api/fn", endpoint = "set_member_grant")]
pub async fn set_member_grant(user_id: i64, code: String, function: Option<String>, on: bool) -> Result<(), AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::manage::set_grant(&state, info, user_id, (code, function), on).await
}
