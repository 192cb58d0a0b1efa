use leptos::prelude::*;

use crate::{accounts::PasskeyChallenge, error::AppError};

/// The browser's instructions for a password-free sign-in with any passkey of this site (or
/// for confirming 停用帳號密碼登入 with one), and the token that hands the answer back.
#[server(prefix = "/api/fn", endpoint = "passkey_options")]
pub async fn passkey_options() -> Result<PasskeyChallenge, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::passkey::begin(&state, info).await
}
