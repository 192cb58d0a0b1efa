use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::GrantRequestRow, error::AppError};

/// The subsystem access requests waiting for the viewer's review.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "list_grant_requests")]
pub async fn list_grant_requests() -> Result<Vec<GrantRequestRow>, AppError> {
    use crate::{auth::RequestInfo, flows::applications::grants, state::app_state};
    let state = app_state()?;
    grants::queue(&state, RequestInfo::current(&state.settings)).await
}
