use leptos::prelude::*;

use crate::error::AppError;

/// Removes an account's second factors and ends its sessions. Central authority only; audited.
#[server(prefix = "/api/fn", endpoint = "admin_reset_factors")]
pub async fn admin_reset_factors(user_id: i64) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::admin::reset_factors(&state, info, user_id).await
}
