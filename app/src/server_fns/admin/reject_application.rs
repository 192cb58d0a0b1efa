use leptos::prelude::*;

use crate::error::AppError;

/// 退回, with the reason the applicant is told.
#[server(prefix = "/api/fn", endpoint = "reject_application")]
pub async fn reject_application(id: i64, reason: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::applications::review, state::app_state};
    let state = app_state()?;
    review::reject(&state, RequestInfo::current(&state.settings), id, reason).await
}
