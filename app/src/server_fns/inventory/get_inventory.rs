use crate::error::AppError;
use crate::inventory::Sheet;
use leptos::{prelude::*, server_fn::codec::GetUrl};

/// An organization's inventory sheet (the reader's own when `org_id` is absent).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_inventory")]
pub async fn get_inventory(org_id: Option<i64>) -> Result<Sheet, AppError> {
    use crate::state::request;
    let (state, info) = request()?;
    crate::flows::inventory::sheet::load(&state, info, org_id).await
}
