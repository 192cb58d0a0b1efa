use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// Username, password and CAPTCHA. On success the session exists at the password stage and
/// the answer says where to go: the code, or binding a factor.
#[server(prefix = "/api/fn", endpoint = "sign_in")]
pub async fn sign_in(username: String, password: String, captcha: String) -> Result<SignInNext, AppError> {
    use crate::{auth::RequestInfo, flows::accounts as flows, state::app_state};
    let state = app_state()?;
    flows::sign_in::sign_in(&state, RequestInfo::current(&state.settings), username, password, captcha).await
}
