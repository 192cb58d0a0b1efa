use leptos::prelude::*;

use crate::error::AppError;

/// 停用帳號密碼登入, confirmed by one of the account's own passkeys answering the ceremony
/// `token` password-free.
#[server(prefix = "/api/fn", endpoint = "disable_password_sign_in")]
pub async fn disable_password_sign_in(token: String, credential: String) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::password_sign_in::disable(&state, info, token, credential).await
}
