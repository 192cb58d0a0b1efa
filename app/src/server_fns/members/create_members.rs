use leptos::{prelude::*, server_fn::codec::Json};

use crate::{accounts::NewMember, error::AppError};

/// 批次新增子帳號, once the file was checked (`POST /members/import`): every row created in
/// one step, each mailed its link, or none when any row is wrong; with the CAPTCHA the form
/// asks too. Returns how many.
#[server(input = Json, prefix = "/api/fn", endpoint = "create_members")]
pub async fn create_members(rows: Vec<NewMember>, captcha: String) -> Result<usize, AppError> {
    use crate::{flows::members, state::request};
    let (state, info) = request()?;
    members::create::create_all(&state, info, rows, captcha).await
}
