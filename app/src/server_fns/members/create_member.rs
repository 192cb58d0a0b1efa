use leptos::prelude::*;

use crate::{accounts::NewMember, error::AppError};

/// 新增子帳號: `{code}_{part}` in the main account's own organization; its holder is mailed a
/// link to set the password.
#[server(prefix = "/api/fn", endpoint = "create_member")]
pub async fn create_member(#[server(flatten)] member: NewMember, captcha: String) -> Result<(), AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::create::create(&state, info, member, captcha).await.map(drop)
}
