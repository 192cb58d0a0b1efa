use leptos::prelude::*;

use crate::error::AppError;

/// Publishes an announcement now. Central authority only; audited.
#[server(prefix = "/api/fn", endpoint = "save_announcement")]
pub async fn save_announcement(title: String, body: String, members_only: Option<String>) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    let members_only = members_only.is_some_and(|v| !v.is_empty() && v != "false");
    flows::admin::save_announcement(&state, info, title, body, members_only).await
}
