use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::GrantRequestRow, error::AppError};

/// The subsystem access requests waiting for the viewer's review.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "list_grant_requests")]
pub async fn list_grant_requests() -> Result<Vec<GrantRequestRow>, AppError> {
    use crate::{flows::applications::grants, state::request};
    let (state, info) = request()?;
    grants::queue(&state, info).await
}
