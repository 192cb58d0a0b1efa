use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::MyProfile, error::AppError};

/// 個人資料: the signed-in account's email, mobile and office details.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_my_profile")]
pub async fn get_my_profile() -> Result<MyProfile, AppError> {
    use crate::{auth::RequestInfo, flows::accounts::contact, state::app_state};
    let state = app_state()?;
    contact::mine(&state, RequestInfo::current(&state.settings)).await
}
