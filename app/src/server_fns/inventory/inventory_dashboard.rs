use crate::error::AppError;
use crate::inventory::{DashboardEntry, Period};
use leptos::{prelude::*, server_fn::codec::GetUrl};

/// Who has submitted in a period (the latest when absent), with counts and figures.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "inventory_dashboard")]
pub async fn inventory_dashboard(period_id: Option<i64>) -> Result<(Option<Period>, Vec<DashboardEntry>), AppError> {
    use crate::state::request;
    let (state, info) = request()?;
    crate::flows::inventory::reporting::dashboard(&state, info, period_id).await
}
