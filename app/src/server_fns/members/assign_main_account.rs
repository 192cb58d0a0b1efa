use leptos::prelude::*;

use crate::error::AppError;

/// The central authority makes the account `username` the main account of the organization
/// `org_code` (an OID or school code), replacing the one there was.
#[server(prefix = "/api/fn", endpoint = "assign_main_account")]
pub async fn assign_main_account(org_code: String, username: String) -> Result<(), AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::transfer::assign(&state, info, org_code, username).await
}
