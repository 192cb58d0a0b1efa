//! Server functions answer with one person's data, which no cache may keep: each answer
//! without a caching rule of its own gets `Cache-Control: no-store`.
//!
//! It also keeps the browser from answering a read with an earlier answer to the same URL. The
//! grid page preloads its sheet by URL (`app/src/pages/inventory.rs`); without `no-store`,
//! Chromium handed the page's later reads of that URL the preloaded sheet, so that the sheet
//! read again after a 提報 showed neither the saved rows nor the lock.

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
