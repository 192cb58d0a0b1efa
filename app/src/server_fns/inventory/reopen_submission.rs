use leptos::prelude::*;

use crate::error::AppError;

/// 退回: the central authority reopens a submission.
#[server(prefix = "/api/fn", endpoint = "reopen_submission")]
pub async fn reopen_submission(submission_id: i64) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, state::app_state};
    let state = app_state()?;
    crate::flows::inventory::reporting::reopen(&state, RequestInfo::current(&state.settings), submission_id).await
}
