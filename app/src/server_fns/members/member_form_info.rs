use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::MemberFormInfo, error::AppError};

/// 新增子帳號's setting: the organization, the code its sub-accounts' names begin with, and
/// the official email domains.
#[server(name = MemberFormInfoFn, input = GetUrl, prefix = "/api/fn", endpoint = "member_form_info")]
pub async fn member_form_info() -> Result<MemberFormInfo, AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::list::form_info(&state, info).await
}
