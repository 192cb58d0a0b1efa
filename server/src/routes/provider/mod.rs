//! The OpenID Connect provider's endpoints (issue 28). The flows decide; these read the
//! request and write the protocol's answers: redirects for the browser, JSON with
//! `Cache-Control: no-store` for the subsystems (RFC 6749 §5.1).

pub mod authorize;
pub mod cors;
pub mod discovery;
pub mod token;
pub mod token_info;

use app::error::AppError;
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

/// A JSON answer nobody keeps.
pub fn json_no_store(status: StatusCode, body: String) -> Response {
    let mut answer = (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    answer.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    answer.headers_mut().insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    answer
}

/// A refusal as the protocol writes it (`{"error": …, "error_description": …}`): the flow's
/// own code, or `server_error` / `temporarily_unavailable` for what went wrong inside.
pub fn oauth_error(error: AppError) -> Response {
    let (status, code, description) = match &error {
        AppError::OAuth { error: code, description } => (error.status(), code.clone(), description.clone()),
        AppError::Busy { .. } | AppError::Unavailable => {
            (StatusCode::SERVICE_UNAVAILABLE, "temporarily_unavailable".into(), String::new())
        }
        AppError::BadRequest => (StatusCode::BAD_REQUEST, "invalid_request".into(), String::new()),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "server_error".into(), String::new()),
    };
    let body = serde_json::json!({ "error": code, "error_description": description }).to_string();
    let mut answer = json_no_store(status, body);
    if code == "invalid_client" {
        answer.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic realm=\"gatehouse\""));
    }
    if code == "invalid_token" {
        let challenge = HeaderValue::from_static("Bearer error=\"invalid_token\"");
        answer.headers_mut().insert(header::WWW_AUTHENTICATE, challenge);
    }
    answer
}
