use leptos::prelude::*;

use crate::error::AppError;

/// Turns the subsystem `code` off (no sign-in to it, its tokens refused) or back on. Central
/// authority only, with a fresh verification.
#[server(prefix = "/api/fn", endpoint = "set_subsystem_active")]
pub async fn set_subsystem_active(code: String, active: bool) -> Result<(), AppError> {
    use crate::{
        flows::{authorize_fresh, provider::registry},
        permissions::Action,
        state::request,
    };
    let (state, info) = request()?;
    let (current, _) = authorize_fresh(&state, &info, |_| Action::ManageSubsystems).await?;
    state.write(&info, move |work| registry::set_active(work, Some(&current.user), &code, active)).await
}
