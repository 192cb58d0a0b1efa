//! Server functions answer with one person's or one organization's data (a sheet, a session
//! list, an audit trail), which no cache may keep: not a shared computer's browser cache, not a
//! proxy. Each answer without a caching rule of its own gets `Cache-Control: no-store`.

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

/// Where server functions answer (`prefix` in each `#[server]`).
const PREFIX: &str = "/api/fn/";

pub async fn no_store(request: Request, next: Next) -> Response {
    let server_fn = request.uri().path().starts_with(PREFIX);
    let mut response = next.run(request).await;
    if server_fn {
        response.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    }
    response
}
