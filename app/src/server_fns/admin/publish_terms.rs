use leptos::prelude::*;

use crate::error::AppError;

/// Publishes a new version of the terms of use in both languages; returns its number.
#[server(prefix = "/api/fn", endpoint = "publish_terms")]
pub async fn publish_terms(body_zh: String, body_en: String) -> Result<i64, AppError> {
    use crate::{flows::accounts::terms, state::request};
    let (state, info) = request()?;
    terms::publish(&state, info, body_zh, body_en).await
}
