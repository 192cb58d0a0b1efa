use leptos::prelude::*;

use crate::error::AppError;

/// 退回, with the reason the applicant is told.
#[server(prefix = "/api/fn", endpoint = "reject_application")]
pub async fn reject_application(id: i64, reason: String) -> Result<(), AppError> {
    use crate::{flows::applications::review, state::request};
    let (state, info) = request()?;
    review::reject(&state, info, id, reason).await
}
