use leptos::prelude::*;

use crate::error::AppError;

/// Creates the main account a school asked for (`decision` `approve`; its holder is mailed the
/// set-password link), or turns the request down (`reject`, with the reason it is mailed).
/// Returns the username it named.
#[server(prefix = "/api/fn", endpoint = "decide_main_request")]
pub async fn decide_main_request(id: i64, decision: String, reason: Option<String>) -> Result<String, AppError> {
    use crate::{flows::members, state::request};
    let reason = match decision.as_str() {
        "approve" => None,
        "reject" => Some(reason.unwrap_or_default()),
        _ => return Err(AppError::BadRequest),
    };
    let (state, info) = request()?;
    members::request::review(&state, info, id, reason).await
}
