use leptos::prelude::*;

use crate::error::AppError;

/// Approves (`decision` `approve`) or sends back (`reject`, with a reason) a subsystem access
/// request.
#[server(prefix = "/api/fn", endpoint = "decide_grant_request")]
pub async fn decide_grant_request(id: i64, decision: String, reason: Option<String>) -> Result<(), AppError> {
    use crate::{flows::applications::grants, state::request};
    let approve = match decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::BadRequest),
    };
    let (state, info) = request()?;
    grants::decide(&state, info, id, approve, reason.unwrap_or_default()).await
}
