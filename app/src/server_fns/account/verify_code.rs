use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// The authenticator code that completes a sign-in.
#[server(prefix = "/api/fn", endpoint = "verify_code")]
pub async fn verify_code(code: String) -> Result<SignInNext, AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::second_factor::verify_code(&state, RequestInfo::current(&state.settings), code).await
}
