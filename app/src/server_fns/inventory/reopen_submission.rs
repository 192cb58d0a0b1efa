use leptos::prelude::*;

use crate::error::AppError;

/// 退回: the central authority reopens a submission.
#[server(prefix = "/api/fn", endpoint = "reopen_submission")]
pub async fn reopen_submission(submission_id: i64) -> Result<(), AppError> {
    use crate::state::request;
    let (state, info) = request()?;
    crate::flows::inventory::reporting::reopen(&state, info, submission_id).await
}
