use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::DisabledOrg, error::AppError};

/// The organizations turned off, the latest first. Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "list_disabled_orgs")]
pub async fn list_disabled_orgs() -> Result<Vec<DisabledOrg>, AppError> {
    use crate::{flows::organizations::status, state::request};
    let (state, info) = request()?;
    status::list(&state, info).await
}
