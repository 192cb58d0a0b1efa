use leptos::prelude::*;

use crate::error::AppError;

/// 移轉主帳號: hands the main role to the sub-account `user_id`; the caller keeps a plain
/// account. Needs a fresh verification.
#[server(prefix = "/api/fn", endpoint = "transfer_main_role")]
pub async fn transfer_main_role(user_id: i64) -> Result<(), AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::transfer::transfer(&state, info, user_id).await
}
