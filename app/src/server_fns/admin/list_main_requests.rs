use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::MainRequestRow, error::AppError};

/// The schools' open requests for a main account, the oldest first. Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "list_main_requests")]
pub async fn list_main_requests() -> Result<Vec<MainRequestRow>, AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::request::pending(&state, info).await
}
