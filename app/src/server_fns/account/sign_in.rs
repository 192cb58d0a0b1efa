use leptos::prelude::*;

use crate::{accounts::SignInNext, error::AppError};

/// Username, password and CAPTCHA. On success the session exists at the password stage and
/// the answer says where to go: the code, or binding a factor.
#[server(prefix = "/api/fn", endpoint = "sign_in")]
pub async fn sign_in(username: String, password: String, captcha: String) -> Result<SignInNext, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::sign_in::sign_in(&state, info, username, password, captcha).await
}
