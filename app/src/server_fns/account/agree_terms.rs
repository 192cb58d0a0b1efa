use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// Agrees to version `version` of the terms of use; where to go next.
#[server(prefix = "/api/fn", endpoint = "agree_terms")]
pub async fn agree_terms(version: i64) -> Result<SignInNext, AppError> {
    use crate::{flows::accounts::terms, state::request};
    let (state, info) = request()?;
    terms::agree(&state, info, version).await
}
