use leptos::prelude::*;

use crate::error::AppError;

/// 接受申請.
#[server(prefix = "/api/fn", endpoint = "approve_application")]
pub async fn approve_application(id: i64) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::applications::review, state::app_state};
    let state = app_state()?;
    review::approve(&state, RequestInfo::current(&state.settings), id).await
}
