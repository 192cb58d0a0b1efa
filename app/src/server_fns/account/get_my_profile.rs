use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::MyProfile, error::AppError};

/// 個人資料: the signed-in account's email, mobile and office details.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_my_profile")]
pub async fn get_my_profile() -> Result<MyProfile, AppError> {
    use crate::{flows::accounts::contact, state::request};
    let (state, info) = request()?;
    contact::mine(&state, info).await
}
