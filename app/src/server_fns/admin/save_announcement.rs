use leptos::prelude::*;

use crate::error::AppError;

/// Publishes an announcement now. Central authority only; audited.
#[server(prefix = "/api/fn", endpoint = "save_announcement")]
pub async fn save_announcement(title: String, body: String, members_only: Option<String>) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    let members_only = members_only.is_some_and(|v| !v.is_empty() && v != "false");
    flows::admin::save_announcement(&state, RequestInfo::current(&state.settings), title, body, members_only).await
}
