use leptos::prelude::*;

use crate::{accounts::SignInMethods, error::AppError};

/// 登入設定: the account's bound sign-in methods, for a session that has just verified again.
#[server(prefix = "/api/fn", endpoint = "my_sign_in_methods")]
pub async fn my_sign_in_methods() -> Result<SignInMethods, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::key_binding::methods(&state, info).await
}
