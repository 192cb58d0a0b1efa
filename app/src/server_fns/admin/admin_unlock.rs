use leptos::prelude::*;

use crate::error::AppError;

/// Ends an account's lockout. Central authority only; audited.
#[server(prefix = "/api/fn", endpoint = "admin_unlock")]
pub async fn admin_unlock(user_id: i64) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::admin::unlock(&state, info, user_id).await
}
