use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::SubsystemConsent, error::AppError};

/// 同意授權 for a subsystem that signs in through the provider: its name, the fields it asks
/// for and its links, shown on `/oidc/consent` before the first sign-in (and when the fields grow).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "subsystem_sign_in_consent")]
pub async fn subsystem_sign_in_consent(code: String) -> Result<SubsystemConsent, AppError> {
    use crate::{flows::provider::consent, state::request};
    let (state, info) = request()?;
    consent::view(&state, &info, code).await
}
