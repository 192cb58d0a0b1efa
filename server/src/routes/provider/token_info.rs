//! `GET|POST /oidc/userinfo`, `POST /oidc/introspect`, `POST /oidc/revoke`.

use app::{
    flows::provider::{client_auth::ClientCredentials, token_info},
    state::AppState,
};
use axum::{
    extract::{Form, State},
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

fn credentials(headers: &HeaderMap, form: &TokenForm) -> Result<ClientCredentials, app::error::AppError> {
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

pub async fn introspect(State(state): State<AppState>, headers: HeaderMap, Form(form): Form<TokenForm>) -> Response {
    let answer = match credentials(&headers, &form) {
        Ok(c) => token_info::introspect(&state, c, form.token).await,
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
    Form(form): Form<TokenForm>,
) -> Response {
    let answer = match credentials(&headers, &form) {
        Ok(c) => token_info::revoke(&state, &info, c, form.token).await,
        Err(e) => Err(e),
    };
    match answer {
        Ok(()) => json_no_store(StatusCode::OK, String::new()),
        Err(e) => oauth_error(e),
    }
}
