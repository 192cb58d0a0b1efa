use leptos::prelude::*;

use crate::error::AppError;

/// Changes the signed-in user's password; other sessions end.
#[server(prefix = "/api/fn", endpoint = "change_password")]
pub async fn change_password(current: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::password::change(&state, RequestInfo::current(&state.settings), current, password, confirm).await
}
