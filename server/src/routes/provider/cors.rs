//! CORS for the endpoints a single-page subsystem calls from its own origin (token,
//! userinfo, revocation): allowed for the origins of active public subsystems' redirect URIs,
//! without credentials (these endpoints read no cookie). Preflights are answered here.

use app::state::AppState;
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

const ENDPOINTS: [&str; 3] = ["/oidc/token", "/oidc/userinfo", "/oidc/revoke"];

pub async fn subsystem_cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !ENDPOINTS.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let origin = request.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()).map(str::to_string);
    let allowed = match &origin {
        Some(origin) => app::flows::provider::cors_allowed(&state, origin.clone()).await.unwrap_or(false),
        None => false,
    };
    let mut answer = if request.method() == Method::OPTIONS {
        let mut preflight = StatusCode::NO_CONTENT.into_response();
        if allowed {
            let headers = preflight.headers_mut();
            headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST"));
            headers
                .insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("authorization, content-type"));
            headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        }
        preflight
    } else {
        next.run(request).await
    };
    let headers = answer.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    if let (true, Some(origin)) = (allowed, origin.and_then(|o| HeaderValue::from_str(&o).ok())) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    answer
}
