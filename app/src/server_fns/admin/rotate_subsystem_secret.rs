use leptos::prelude::*;

use crate::error::AppError;

/// A new secret for the confidential subsystem `code`, answered once; the old one keeps
/// working a week. Central authority only, with a fresh verification.
#[server(prefix = "/api/fn", endpoint = "rotate_subsystem_secret")]
pub async fn rotate_subsystem_secret(code: String) -> Result<String, AppError> {
    use crate::{
        flows::{authorize_fresh, provider::registry},
        permissions::Action,
        state::request,
    };
    let (state, info) = request()?;
    let (current, _) = authorize_fresh(&state, &info, |_| Action::ManageSubsystems).await?;
    state.write(&info, move |work| registry::rotate_secret(work, Some(&current.user), &code)).await
}
