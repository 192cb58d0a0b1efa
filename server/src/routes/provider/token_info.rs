//! `GET|POST /oidc/userinfo`, `POST /oidc/introspect`, `POST /oidc/revoke`.

use app::error::AppError;
use app::{
    flows::provider::{client_auth::ClientCredentials, token_info},
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
    token: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

/// The form, or the protocol's answer to a body that is not one.
fn form_of(form: Result<Form<TokenForm>, FormRejection>) -> Result<TokenForm, AppError> {
    form.map(|Form(f)| f)
        .map_err(|_| AppError::oauth("invalid_request", "the body must be application/x-www-form-urlencoded"))
}

fn credentials(headers: &HeaderMap, form: &TokenForm) -> Result<ClientCredentials, AppError> {
    let authorization = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    ClientCredentials::from_request(authorization, form.client_id.clone(), form.client_secret.clone())
}

pub async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    match token_info::userinfo(&state, bearer).await {
        Ok(claims) => json_no_store(StatusCode::OK, serde_json::Value::Object(claims).to_string()),
        Err(e) => oauth_error(e),
    }
}

pub async fn introspect(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let answer = match form_of(form).and_then(|form| Ok((credentials(&headers, &form)?, form.token))) {
        Ok((c, token)) => token_info::introspect(&state, c, token).await,
        Err(e) => Err(e),
    };
    match answer {
        Ok(body) => json_no_store(StatusCode::OK, body.to_string()),
        Err(e) => oauth_error(e),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    info: app::auth::RequestInfo,
    headers: HeaderMap,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Response {
    let answer = match form_of(form).and_then(|form| Ok((credentials(&headers, &form)?, form.token))) {
        Ok((c, token)) => token_info::revoke(&state, &info, c, token).await,
        Err(e) => Err(e),
    };
    match answer {
        Ok(()) => json_no_store(StatusCode::OK, String::new()),
        Err(e) => oauth_error(e),
    }
}
