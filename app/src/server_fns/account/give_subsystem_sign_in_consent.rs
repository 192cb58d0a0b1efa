use leptos::prelude::*;

use crate::error::AppError;

/// Agrees to share with the subsystem `code` the fields it is registered for now; the page
/// then sends the browser back to the authorization request, which goes on to the subsystem.
#[server(prefix = "/api/fn", endpoint = "give_subsystem_sign_in_consent")]
pub async fn give_subsystem_sign_in_consent(code: String) -> Result<(), AppError> {
    use crate::{flows::provider::consent, state::request};
    let (state, info) = request()?;
    consent::give(&state, &info, code).await
}
