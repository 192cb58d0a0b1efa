use leptos::prelude::*;

use crate::error::AppError;

/// A new email (`channel` `email`) or mobile (`sms`): sends it a code, after a step-up.
#[server(prefix = "/api/fn", endpoint = "request_contact_change")]
pub async fn request_contact_change(channel: String, value: String) -> Result<(), AppError> {
    use crate::{db::outbox::Channel, flows::accounts::contact, state::request};
    let (state, info) = request()?;
    contact::request(&state, info, Channel::parse(&channel).ok_or(AppError::BadRequest)?, value).await
}
