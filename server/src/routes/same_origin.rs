//! Cross-site request forgery protection for every state-changing request, the way browsers
//! now let servers do it (and Go 1.25's CrossOriginProtection does): a browser labels each
//! request with `Sec-Fetch-Site` (or at least `Origin`), and a write from another site is
//! refused before any handler runs. Requests without either header do not come from a
//! browser, so they carry no victim's cookies. The session cookie's `SameSite=Lax` is the
//! second line.

use axum::{
    extract::Request,
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Whether a request with these headers may change state.
pub fn write_allowed(method: &Method, sec_fetch_site: Option<&str>, origin: Option<&str>, host: Option<&str>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(site) = sec_fetch_site {
        return matches!(site, "same-origin" | "none");
    }
    match origin {
        None => true,
        Some(origin) => {
            let origin_host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
            origin_host.is_some() && origin_host == host
        }
    }
}

/// The provider's endpoints that subsystems call, from their servers or (a single-page one)
/// from another origin: they authenticate the client or its token and read no cookie, so a
/// forged request gains nothing.
const SUBSYSTEM_ENDPOINTS: [&str; 4] = ["/oidc/token", "/oidc/introspect", "/oidc/revoke", "/oidc/userinfo"];

pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    if SUBSYSTEM_ENDPOINTS.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if write_allowed(
        request.method(),
        text("sec-fetch-site"),
        text(header::ORIGIN.as_str()),
        text(header::HOST.as_str()),
    ) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), uri = %request.uri(), "cross-site write refused");
    let body = serde_json::to_string(&app::error::AppError::Forbidden).unwrap_or_default();
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_site_writes_are_refused() {
        let post = Method::POST;
        assert!(write_allowed(&Method::GET, Some("cross-site"), Some("https://evil.example"), Some("a.gov.tw")));
        assert!(write_allowed(&post, Some("same-origin"), None, None));
        assert!(!write_allowed(&post, Some("cross-site"), None, Some("a.gov.tw")));
        assert!(!write_allowed(&post, Some("same-site"), None, Some("a.gov.tw")));
        assert!(write_allowed(&post, None, Some("https://a.gov.tw"), Some("a.gov.tw")));
        assert!(!write_allowed(&post, None, Some("https://evil.example"), Some("a.gov.tw")));
        assert!(!write_allowed(&post, None, Some("null"), Some("a.gov.tw")));
        assert!(write_allowed(&post, None, None, Some("a.gov.tw")), "curl and the CLI send neither header");
    }
}
