use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::Consent, error::AppError};

/// 同意授權: whether the signed-in account agreed to share its profile with the subsystem `code`.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "subsystem_consent")]
pub async fn subsystem_consent(code: String) -> Result<Consent, AppError> {
    use crate::{flows::accounts::consent, state::request};
    let (state, info) = request()?;
    consent::view(&state, info, code).await
}
