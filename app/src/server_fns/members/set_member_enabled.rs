use leptos::prelude::*;

use crate::error::AppError;

/// 停用 / 啟用 a sub-account; a disabled account's sessions end at once.
#[server(prefix = "/api/fn", endpoint = "set_member_enabled")]
pub async fn set_member_enabled(user_id: i64, enabled: bool) -> Result<(), AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::manage::set_enabled(&state, info, user_id, enabled).await
}
