use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::DisabledOrg, error::AppError};

/// The organizations turned off, the latest first. Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "list_disabled_orgs")]
pub async fn list_disabled_orgs() -> Result<Vec<DisabledOrg>, AppError> {
    use crate::{auth::RequestInfo, flows::organizations::status, state::app_state};
    let state = app_state()?;
    status::list(&state, RequestInfo::current(&state.settings)).await
}
