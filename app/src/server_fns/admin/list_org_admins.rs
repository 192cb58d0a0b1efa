use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{
    accounts::{AdminEntry, Paged},
    error::AppError,
};

/// 機關管理者名單 with each admin's last sign-in, a page at a time, narrowed by `q` (name,
/// username, organization). Central authority only.
#[server(prefix = "/api/fn", endpoint = "list_org_admins", input = GetUrl)]
pub async fn list_org_admins(q: Option<String>, page: Option<i64>) -> Result<Paged<AdminEntry>, AppError> {
    use crate::{flows::applications::review, state::request};
    let (state, info) = request()?;
    review::org_admins(&state, info, q.unwrap_or_default(), page).await
}
