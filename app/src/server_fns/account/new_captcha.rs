use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::CaptchaChallenge, error::AppError};

/// A fresh CAPTCHA challenge. A GET that changes nothing: challenges are signed, not stored.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "new_captcha")]
pub async fn new_captcha() -> Result<CaptchaChallenge, AppError> {
    use crate::{auth::captcha, state::app_state};
    let state = app_state()?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
    Ok(captcha::fresh(&state.settings))
}
