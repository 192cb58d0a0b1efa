use leptos::prelude::*;

use crate::{accounts::TotpOffer, error::AppError};

/// A new authenticator secret for this view of the binding page. A POST: it changes the session.
#[server(prefix = "/api/fn", endpoint = "offer_totp")]
pub async fn offer_totp() -> Result<TotpOffer, AppError> {
    use crate::{flows::accounts as flows, state::request};
    let (state, info) = request()?;
    flows::factors::totp_binding::offer(&state, info).await
}
