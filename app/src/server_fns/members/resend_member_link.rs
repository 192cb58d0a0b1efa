use leptos::prelude::*;

use crate::error::AppError;

/// 補寄驗證信: a new set-password link to a sub-account that has no password yet; the older
/// link stops working.
#[server(prefix = "/api/fn", endpoint = "resend_member_link")]
pub async fn resend_member_link(user_id: i64) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::members, state::app_state};
    let state = app_state()?;
    members::manage::resend_link(&state, RequestInfo::current(&state.settings), user_id).await
}
