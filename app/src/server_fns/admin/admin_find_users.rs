use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::AccountRow, error::AppError};

/// Accounts by username, name or email fragment. Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "admin_find_users")]
pub async fn admin_find_users(q: String) -> Result<Vec<AccountRow>, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::admin::find_accounts(&state, info, q).await
}
