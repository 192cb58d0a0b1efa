use leptos::prelude::*;

use crate::error::AppError;

/// 再次驗證: the authenticator's code again, before a change of sign-in settings.
#[server(prefix = "/api/fn", endpoint = "step_up")]
pub async fn step_up(code: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::second_factor::step_up(&state, RequestInfo::current(&state.settings), code).await
}
