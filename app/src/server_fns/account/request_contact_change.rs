use leptos::prelude::*;

use crate::error::AppError;

/// A new email (`channel` `email`) or mobile (`sms`): sends it a code, after a step-up.
#[server(prefix = "/api/fn", endpoint = "request_contact_change")]
pub async fn request_contact_change(channel: String, value: String) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, db::outbox::Channel, flows::accounts::contact, state::app_state};
    let state = app_state()?;
    contact::request(
        &state,
        RequestInfo::current(&state.settings),
        Channel::parse(&channel).ok_or(AppError::BadRequest)?,
        value,
    )
    .await
}
