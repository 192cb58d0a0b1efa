use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::FailedMail, error::AppError};

/// Mail and SMS the outbox gave up delivering. Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "list_failed_mail")]
pub async fn list_failed_mail() -> Result<FailedMail, AppError> {
    use crate::{flows::accounts::admin, state::request};
    let (state, info) = request()?;
    admin::failed_mail(&state, info).await
}
