use leptos::prelude::*;

use crate::error::AppError;

/// 同意授權 given (`on`) to the subsystem `code`, or withdrawn.
#[server(prefix = "/api/fn", endpoint = "set_consent")]
pub async fn set_consent(code: String, on: bool) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts::consent, state::app_state};
    let state = app_state()?;
    consent::set(&state, RequestInfo::current(&state.settings), code, on).await
}
