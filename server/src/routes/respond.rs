//! Answers the file routes share: an `AppError` as JSON with its status (as server functions
//! answer), and a download.

use app::error::AppError;
use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};

/// The error with its status, and the `Retry-After` of a busy answer (server functions have it
/// from `fn_status`).
pub fn failure(error: AppError) -> Response {
    let retry_after = error.retry_after();
    let mut response = (error.status(), Json(error)).into_response();
    if let Some(seconds) = retry_after {
        response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
    }
    response
}

/// A file to save, never to show inline: `fallback` is the ASCII name for old clients,
/// `filename` the real one (RFC 5987, so that a Chinese file name survives).
pub fn attachment(content_type: &str, fallback: &str, filename: &str, body: Vec<u8>) -> Response {
    let disposition =
        format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{}", app::url::encode_component(filename));
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
        body,
    )
        .into_response()
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
