use leptos::prelude::*;

use crate::error::AppError;

/// Turns the organization `org_code` (an OID or school code) off (`disabled`), so that none of
/// its accounts signs in, or back on.
#[server(prefix = "/api/fn", endpoint = "set_org_disabled")]
pub async fn set_org_disabled(org_code: String, disabled: bool) -> Result<(), AppError> {
    use crate::{flows::organizations::status, state::request};
    let (state, info) = request()?;
    status::set(&state, info, org_code, disabled).await
}
