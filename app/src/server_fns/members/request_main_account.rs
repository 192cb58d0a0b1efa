use leptos::prelude::*;

use crate::{accounts::NewMember, error::AppError};

/// 申請主帳號: a school without a main account asks for one; returns the account it asked for.
#[server(prefix = "/api/fn", endpoint = "request_main_account")]
pub async fn request_main_account(
    org_code: String,
    #[server(flatten)] member: NewMember,
    captcha: String,
) -> Result<String, AppError> {
    use crate::{accounts::MainRequest, flows::members, state::request};
    let (state, info) = request()?;
    members::request::ask(&state, info, MainRequest { org_code, member }, captcha).await
}
