use leptos::prelude::*;

use crate::error::AppError;

/// Rotates the provider's signing keys now (they also rotate monthly by themselves). Central
/// authority only, with a fresh verification.
#[server(prefix = "/api/fn", endpoint = "rotate_signing_keys")]
pub async fn rotate_signing_keys() -> Result<(), AppError> {
    use crate::{
        flows::{authorize_fresh, provider::registry},
        permissions::Action,
        state::request,
    };
    let (state, info) = request()?;
    let (current, _) = authorize_fresh(&state, &info, |_| Action::ManageSubsystems).await?;
    state.write(&info, move |work| registry::rotate_keys(work, Some(&current.user))).await
}
