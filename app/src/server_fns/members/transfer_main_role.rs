use leptos::prelude::*;

use crate::error::AppError;

/// 移轉主帳號: hands the main role to the sub-account `user_id`; the caller keeps a plain
/// account. Needs a fresh verification.
#[server(prefix = "/api/fn", endpoint = "transfer_main_role")]
pub async fn transfer_main_role(user_id: i64) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::members, state::app_state};
    let state = app_state()?;
    members::transfer::transfer(&state, RequestInfo::current(&state.settings), user_id).await
}
