use crate::error::AppError;
use crate::inventory::{RowChange, Saved};
use leptos::{prelude::*, server_fn::codec::Json};

/// Saves changes to a sheet: all or nothing, refused while any cell is wrong or when a row changed meanwhile.
#[server(input = Json, prefix = "/api/fn", endpoint = "save_inventory")]
pub async fn save_inventory(org_id: i64, changes: Vec<RowChange>) -> Result<Saved, AppError> {
    use crate::state::request;
    let (state, info) = request()?;
    crate::flows::inventory::sheet::save(&state, info, org_id, changes).await
}
