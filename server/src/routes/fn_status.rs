//! The one place that gives a server function's error answer its HTTP status. server_fn answers
//! every `Err` with 500; this reads the `AppError` the answer carries and sets its status (400
//! for bad input, 401, 403, 409, 503 with `Retry-After` …), so that logs, monitoring and
//! clients tell the user's mistakes from ours. Server functions just return their result.

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
        if let Some(seconds) = error.retry_after() {
            parts.headers.insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
