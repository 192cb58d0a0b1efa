use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::TermsPage, error::AppError};

/// 用戶約定條款 in force, in the reader's language, with the reader's agreement.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_terms")]
pub async fn get_terms() -> Result<TermsPage, AppError> {
    use crate::{flows::accounts::terms, state::request};
    let (state, info) = request()?;
    terms::page(&state, info).await
}
