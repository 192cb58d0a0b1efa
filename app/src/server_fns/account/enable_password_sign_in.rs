use leptos::prelude::*;

use crate::error::AppError;

/// Turns password sign-in back on with a new password (after a fresh verification).
#[server(prefix = "/api/fn", endpoint = "enable_password_sign_in")]
pub async fn enable_password_sign_in(password: String, confirm: String) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::password_sign_in::enable(&state, info, password, confirm).await
}
