use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::ActivityEntry, error::AppError};

/// The audit log searched by username fragment and date range (`YYYY-MM-DD`, Taiwan time).
/// Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "admin_audit")]
pub async fn admin_audit(username: String, from: String, to: String) -> Result<Vec<ActivityEntry>, AppError> {
    use crate::{flows::accounts::admin, state::request};
    let (state, info) = request()?;
    let read = (admin::AuditScope::All, admin::AuditRead::Search);
    admin::search_audit(&state, info, [username, from, to], 500, read).await
}
