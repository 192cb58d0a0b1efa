use leptos::prelude::*;

use crate::error::AppError;

/// 重新寄送 one channel's code (`email` or `sms`).
#[server(prefix = "/api/fn", endpoint = "resend_application_code")]
pub async fn resend_application_code(channel: crate::accounts::Channel) -> Result<(), AppError> {
    use crate::{flows::applications::apply, state::request};
    let (state, info) = request()?;
    apply::resend(&state, info, channel).await
}
