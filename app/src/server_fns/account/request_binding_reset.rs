use leptos::prelude::*;

use crate::{accounts::BindingResetSent, error::AppError};

/// 重設登入綁定: the account's email (and the CAPTCHA) for an emergency code by mail.
#[server(prefix = "/api/fn", endpoint = "request_binding_reset")]
pub async fn request_binding_reset(email: String, captcha: String) -> Result<BindingResetSent, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::emergency_reset::request(&state, info, email, captcha).await
}
