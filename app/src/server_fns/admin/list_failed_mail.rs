use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::FailedMail, error::AppError};

/// Mail and SMS the outbox gave up delivering. Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "list_failed_mail")]
pub async fn list_failed_mail() -> Result<FailedMail, AppError> {
    use crate::{auth::RequestInfo, flows::accounts::admin, state::app_state};
    let state = app_state()?;
    admin::failed_mail(&state, RequestInfo::current(&state.settings)).await
}
