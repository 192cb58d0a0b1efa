use leptos::prelude::*;

use crate::error::AppError;

/// Where to send the browser to link a Google (or other OpenID Connect) account to the signed-in
/// one, after a fresh verification.
#[server(prefix = "/api/fn", endpoint = "google_link_url")]
pub async fn google_link_url() -> Result<String, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::google::begin_link(&state, info).await
}
