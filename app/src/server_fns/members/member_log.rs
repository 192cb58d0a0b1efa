use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::ActivityEntry, error::AppError};

/// 收件紀錄: the main account's record of its organization's account assignments, by username
/// fragment and date range (`YYYY-MM-DD`, Taiwan time).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "member_log")]
pub async fn member_log(username: String, from: String, to: String) -> Result<Vec<ActivityEntry>, AppError> {
    use crate::{flows::accounts::admin, state::request};
    let (state, info) = request()?;
    let read = (admin::AuditScope::MemberLog, admin::AuditRead::Search);
    admin::search_audit(&state, info, [username, from, to], 500, read).await
}
