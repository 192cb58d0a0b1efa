use leptos::prelude::*;

use crate::error::AppError;

/// 提報: the organization admin submits the sheet as it stands in the open period.
#[server(prefix = "/api/fn", endpoint = "submit_inventory")]
pub async fn submit_inventory(org_id: i64) -> Result<i64, AppError> {
    use crate::state::request;
    let (state, info) = request()?;
    crate::flows::inventory::reporting::submit(&state, info, org_id).await
}
