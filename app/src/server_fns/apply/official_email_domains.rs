use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::error::AppError;

/// The policy's official email domains (公務信箱), for a public form to check an address as it
/// is typed.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "official_email_domains")]
pub async fn official_email_domains() -> Result<Vec<String>, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.settings.official_email_domains.clone())
}
