use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::Consent, error::AppError};

/// The subsystems the signed-in account agreed to share its profile with.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "my_consents")]
pub async fn my_consents() -> Result<Vec<Consent>, AppError> {
    use crate::{flows::accounts::consent, state::request};
    let (state, info) = request()?;
    consent::mine(&state, info).await
}
