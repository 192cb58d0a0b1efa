use leptos::prelude::*;

use crate::error::AppError;

/// 補寄驗證信: a new set-password link to a sub-account that has no password yet; the older
/// link stops working.
#[server(prefix = "/api/fn", endpoint = "resend_member_link")]
pub async fn resend_member_link(user_id: i64) -> Result<(), AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::manage::resend_link(&state, info, user_id).await
}
