use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// 重設登入綁定: the emergency code; every binding is deleted and binding starts again.
#[server(prefix = "/api/fn", endpoint = "confirm_binding_reset")]
pub async fn confirm_binding_reset(code: String) -> Result<SignInNext, AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::reset_binding::confirm(&state, RequestInfo::current(&state.settings), code).await
}
