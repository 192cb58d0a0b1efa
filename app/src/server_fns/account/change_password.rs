use leptos::prelude::*;

use crate::error::AppError;

/// Changes the signed-in user's password; other sessions end.
#[server(prefix = "/api/fn", endpoint = "change_password")]
pub async fn change_password(current: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::password::change(&state, info, current, password, confirm).await
}
