use leptos::prelude::*;

use crate::error::AppError;

/// The name of the external provider accounts may sign in with (Google), if one is set up.
#[server(prefix = "/api/fn", endpoint = "external_sign_in")]
pub async fn external_sign_in() -> Result<Option<String>, AppError> {
    use crate::state::app_state;
    Ok(app_state()?.oidc.as_ref().map(|p| p.name().to_string()))
}
