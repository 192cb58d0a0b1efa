//! `POST /oidc/token`.

use app::error::AppError;
use app::{
    flows::provider::{
        client_auth::ClientCredentials,
        token::{exchange, TokenRequest},
    },
    state::AppState,
};
use axum::{
    extract::{rejection::FormRejection, Form, State},
    http::{header, HeaderMap, StatusCode},
    response::Response,
};
use serde::Deserialize;

use super::{json_no_store, oauth_error};

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(flatten)]
    request: TokenRequest,
    client_id: Option<String>,
    client_secret: Option<String>,
}

pub async fn token(
    State(state): State<AppState>,
    info: app::auth::RequestInfo,
    headers: HeaderMap,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    // A body that is not a form is answered as the protocol answers it, not as axum would.
    let Ok(Form(form)) = form else {
        return oauth_error(AppError::oauth("invalid_request", "the body must be application/x-www-form-urlencoded"));
    };
    let authorization = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    let credentials = match ClientCredentials::from_request(authorization, form.client_id, form.client_secret) {
        Ok(c) => c,
        Err(e) => return oauth_error(e),
    };
    match exchange(&state, &info, credentials, form.request).await {
        Ok(answer) => json_no_store(StatusCode::OK, serde_json::to_string(&answer).unwrap_or_default()),
        Err(e) => oauth_error(e),
    }
}
