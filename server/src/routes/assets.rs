use app::style::{stylesheet_href, STYLESHEET};
use axum::{
    extract::Path,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

/// `GET /assets/gatehouse-{hash}.css`: the generated stylesheet. Its name changes with its
/// content, so browsers may keep it for good.
pub async fn stylesheet(Path(file): Path<String>) -> Response {
    if stylesheet_href().rsplit('/').next() != Some(file.as_str()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        STYLESHEET,
    )
        .into_response()
}
