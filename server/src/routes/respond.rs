//! A download, as the file routes answer one. (Their errors answer by themselves:
//! `AppError` is a response.)

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

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
