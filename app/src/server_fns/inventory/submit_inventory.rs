use leptos::prelude::*;

use crate::error::AppError;

/// 提報: the organization admin submits the sheet as it stands in the open period.
#[server(prefix = "/api/fn", endpoint = "submit_inventory")]
pub async fn submit_inventory(org_id: i64) -> Result<i64, AppError> {
    use crate::{auth::RequestInfo, state::app_state};
    let state = app_state()?;
    crate::flows::inventory::reporting::submit(&state, RequestInfo::current(&state.settings), org_id).await
}
