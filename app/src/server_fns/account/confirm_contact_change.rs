use leptos::prelude::*;

use crate::error::AppError;

/// The code the new email or mobile received: makes the change.
#[server(prefix = "/api/fn", endpoint = "confirm_contact_change")]
pub async fn confirm_contact_change(channel: String, value: String, code: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, db::outbox::Channel, flows::accounts::contact, state::app_state};
    let state = app_state()?;
    contact::confirm(
        &state,
        RequestInfo::current(&state.settings),
        Channel::parse(&channel).ok_or(AppError::BadRequest)?,
        value,
        code,
    )
    .await
}
