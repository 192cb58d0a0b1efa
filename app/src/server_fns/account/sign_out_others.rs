use leptos::prelude::*;

use crate::error::AppError;

/// Ends every other session of the signed-in account; returns how many ended.
#[server(prefix = "/api/fn", endpoint = "sign_out_others")]
pub async fn sign_out_others() -> Result<usize, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::sign_out::sign_out_others(&state, info).await
}
