use leptos::prelude::*;

use crate::error::AppError;

/// Ends this session on the server.
#[server(prefix = "/api/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::sign_out::sign_out(&state, info).await
}
