use crate::error::AppError;
use crate::inventory::Period;
use leptos::{prelude::*, server_fn::codec::GetUrl};

/// Every reporting period, the latest first. Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "list_periods")]
pub async fn list_periods() -> Result<Vec<Period>, AppError> {
    use crate::state::request;
    let (state, info) = request()?;
    crate::flows::inventory::reporting::periods(&state, info).await
}
