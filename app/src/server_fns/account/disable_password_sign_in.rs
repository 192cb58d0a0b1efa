use leptos::prelude::*;

use crate::error::AppError;

/// 停用帳號密碼登入, confirmed by one of the account's own passkeys answering the ceremony
/// `token` password-free.
#[server(prefix = "/api/fn", endpoint = "disable_password_sign_in")]
pub async fn disable_password_sign_in(token: String, credential: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::password_sign_in::disable(&state, RequestInfo::current(&state.settings), token, credential).await
}
