use leptos::prelude::*;

use crate::error::AppError;

/// The code the new email or mobile received: makes the change.
#[server(prefix = "/api/fn", endpoint = "confirm_contact_change")]
pub async fn confirm_contact_change(
    channel: crate::accounts::Channel,
    value: String,
    code: String,
) -> Result<(), AppError> {
    use crate::{flows::accounts::contact, state::request};
    let (state, info) = request()?;
    contact::confirm(&state, info, channel, value, code).await
}
