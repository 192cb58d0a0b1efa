//! server_fn answers every error it raises itself (an argument that does not decode, a missing
//! argument) with 500. This gives such answers the status of the `AppError` they carry, so a
//! malformed request reads as the client's mistake (400) in logs and monitoring, not ours.

use app::error::AppError;
use axum::{body::Body, extract::Request, http::StatusCode, middleware::Next, response::Response};

/// Error bodies are small; anything larger is passed on untouched.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn server_fn_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}
