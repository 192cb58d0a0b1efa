use leptos::prelude::*;

use crate::error::AppError;

/// 接受申請.
#[server(prefix = "/api/fn", endpoint = "approve_application")]
pub async fn approve_application(id: i64) -> Result<(), AppError> {
    use crate::{flows::applications::review, state::request};
    let (state, info) = request()?;
    review::approve(&state, info, id).await
}
