use leptos::prelude::*;

use crate::{error::AppError, provider::Registration};

/// Registers a subsystem, or changes the one with its code; a new confidential one's first
/// secret is answered, once. Central authority only, with a fresh verification (it changes
/// who may sign people in).
#[server(prefix = "/api/fn", endpoint = "save_subsystem")]
pub async fn save_subsystem(#[server(flatten)] registration: Registration) -> Result<Option<String>, AppError> {
    use crate::{
        flows::{authorize_fresh, provider::registry},
        permissions::Action,
        state::request,
    };
    let (state, info) = request()?;
    let (current, _) = authorize_fresh(&state, &info, |_| Action::ManageSubsystems).await?;
    state.write(&info, move |work| registry::save(work, Some(&current.user), registration)).await
}
