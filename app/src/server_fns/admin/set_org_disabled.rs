use leptos::prelude::*;

use crate::error::AppError;

/// Turns the organization `org_code` (an OID or school code) off (`disabled`), so that none of
/// its accounts signs in, or back on.
#[server(prefix = "/api/fn", endpoint = "set_org_disabled")]
pub async fn set_org_disabled(org_code: String, disabled: bool) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::organizations::status, state::app_state};
    let state = app_state()?;
    status::set(&state, RequestInfo::current(&state.settings), org_code, disabled).await
}
