//! Every HTTP request counted and timed by its route: the pattern it matched (`/org/{oid}`),
//! not its address, so that ids in paths, or an attacker's made-up ones, do not make a metric
//! each. A request no route matched is `unmatched`.

use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request},
    http::Method,
    middleware::Next,
    response::Response,
};

pub async fn measure(request: Request, next: Next) -> Response {
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16().to_string();
    metrics::histogram!("gatehouse_http_request_duration_seconds", "route" => route.clone(), "method" => method)
        .record(seconds);
    metrics::counter!("gatehouse_http_requests_total", "route" => route, "method" => method, "status" => status)
        .increment(1);
    response
}

/// The standard methods by name; any other (a client may send any token) as `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}
