use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// 重設登入綁定: the emergency code; every binding is deleted and binding starts again.
#[server(prefix = "/api/fn", endpoint = "confirm_binding_reset")]
pub async fn confirm_binding_reset(code: String) -> Result<SignInNext, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::emergency_reset::confirm(&state, info, code).await
}
