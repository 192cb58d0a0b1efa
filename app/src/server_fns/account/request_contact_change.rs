use leptos::prelude::*;

use crate::error::AppError;

/// A new email (`channel` `email`) or mobile (`sms`): sends it a code, after a step-up.
#[server(prefix = "/api/fn", endpoint = "request_contact_change")]
pub async fn request_contact_change(channel: crate::accounts::Channel, value: String) -> Result<(), AppError> {
    use crate::{flows::accounts::contact, state::request};
    let (state, info) = request()?;
    contact::request(&state, info, channel, value).await
}
