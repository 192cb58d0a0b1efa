//! Request bodies are small everywhere but for an inventory's save and import, which carry
//! up to 20,000 rows. The router's limit is the large one; this holds every other path to
//! the small one, before any handler reads the body.

use axum::{body::Body, extract::Request, middleware::Next, response::Response};

/// Forms and small JSON calls.
pub const SMALL: usize = 2 * 1024 * 1024;
/// A whole inventory: about 600 bytes a row as JSON, 20,000 rows, with room to spare.
pub const LARGE: usize = 24 * 1024 * 1024;

const LARGE_PATHS: [&str; 2] = ["/api/fn/save_inventory", "/inventory/import"];

pub async fn limit_bodies(request: Request, next: Next) -> Response {
    if LARGE_PATHS.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let limited = Body::new(http_body_util::Limited::new(body, SMALL));
    next.run(Request::from_parts(parts, limited)).await
}
