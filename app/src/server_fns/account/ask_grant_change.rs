use leptos::prelude::*;

use crate::{accounts::GrantChange, error::AppError};

/// 申請權限 (`change` `grant`) or 申請刪除權限 (`revoke`) of the subsystem `subsystem`.
#[server(prefix = "/api/fn", endpoint = "ask_grant_change")]
pub async fn ask_grant_change(subsystem: String, change: GrantChange) -> Result<(), AppError> {
    use crate::{flows::applications::grants, state::request};
    let (state, info) = request()?;
    grants::ask(&state, info, subsystem, change).await
}
