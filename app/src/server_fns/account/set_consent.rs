use leptos::prelude::*;

use crate::error::AppError;

/// 同意授權 given (`on`) to the subsystem `code`, or withdrawn.
#[server(prefix = "/api/fn", endpoint = "set_consent")]
pub async fn set_consent(code: String, on: bool) -> Result<(), AppError> {
    use crate::{flows::accounts::consent, state::request};
    let (state, info) = request()?;
    consent::set(&state, info, code, on).await
}
