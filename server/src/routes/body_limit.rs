//! Request bodies are small everywhere but for an inventory's save and import, which carry
//! up to 20,000 rows, and an application's scan (a few megabytes). The router's limit is the large one; this holds every other path to
//! the small one, before any handler reads the body.

use axum::{body::Body, extract::Request, middleware::Next, response::Response};

/// Forms and small JSON calls.
pub const SMALL: usize = 2 * 1024 * 1024;
/// A whole inventory: about 600 bytes a row as JSON, 20,000 rows, with room to spare.
pub const LARGE: usize = 24 * 1024 * 1024;

/// The stamped application form's scan, with room for nothing else.
pub const SCAN: usize = app::accounts::MAX_SCAN_BYTES + 1024;

// The national directory files: the 2018 GDS list is 1.5 MB and newer ones carry more columns.
const LARGE_PATHS: [&str; 4] =
    ["/api/fn/save_inventory", "/inventory/import", "/inventory/replace", "/admin/directory/import"];

pub async fn limit_bodies(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if LARGE_PATHS.contains(&path) {
        return next.run(request).await;
    }
    let limit = if path == "/apply/scan" { SCAN } else { SMALL };
    let (parts, body) = request.into_parts();
    let limited = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, limited)).await
}
