use leptos::prelude::*;

use crate::error::AppError;

/// 再次驗證 with a bound security key instead of the code: its signed answer (JSON).
#[server(prefix = "/api/fn", endpoint = "step_up_with_key")]
pub async fn step_up_with_key(credential: String) -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::key_sign_in::step_up(&state, info, credential).await
}
