use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::MembersView, error::AppError};

/// 子帳號管理: the organization's accounts whose username, name, email or unit contains `q`,
/// and what the main account may grant.
#[server(name = MembersViewFn, input = GetUrl, prefix = "/api/fn", endpoint = "members_view")]
pub async fn members_view(q: String) -> Result<MembersView, AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::list::view(&state, info, q).await
}
