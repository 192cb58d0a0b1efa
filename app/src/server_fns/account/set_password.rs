use leptos::prelude::*;

use crate::error::AppError;

/// Sets a first password from a one-time link.
#[server(prefix = "/api/fn", endpoint = "set_password")]
pub async fn set_password(token: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::password::set_with_link(&state, info, token, password, confirm).await
}
