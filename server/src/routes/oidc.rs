//! The two stops of a sign-in with Google (or another OpenID Connect provider) that are plain
//! navigations, not server functions: `GET /auth/oidc/start` sends a signed-out browser to the
//! provider, and `GET /auth/oidc/callback` is where the provider sends it back. Both answer
//! with a redirect and the cookies the flow set (the trip's state, then the session).

use app::{auth::RequestInfo, flows::accounts::google, state::AppState};
use axum::{
    extract::{Query, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use leptos_axum::ResponseOptions;
use serde::Deserialize;

/// `to`, with the cookies the flow sent through `response`.
pub fn redirect(to: &str, response: &ResponseOptions) -> Response {
    let mut answer = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        answer.headers_mut().insert(header::LOCATION, location);
    }
    // Never kept: a redirect carrying a fresh state or session is for this browser, once.
    answer.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    with_cookies(answer, response)
}

/// `answer` with the cookies a flow set on `response` (a session begun or ended).
pub fn with_cookies(mut answer: Response, response: &ResponseOptions) -> Response {
    if let Ok(parts) = response.0.read() {
        for value in parts.headers.get_all(header::SET_COOKIE) {
            answer.headers_mut().append(header::SET_COOKIE, value.clone());
        }
    }
    answer
}

pub fn request_info(parts: &Parts, state: &AppState) -> (RequestInfo, ResponseOptions) {
    let response = ResponseOptions::default();
    let info = RequestInfo::from_parts(parts, &state.settings).answering(response.clone());
    (info, response)
}

pub async fn start(State(state): State<AppState>, parts: Parts) -> Response {
    let (info, response) = request_info(&parts, &state);
    match google::begin_sign_in(&state, info).await {
        Ok(url) => redirect(&url, &response),
        Err(app::error::AppError::NotFound) => redirect("/sign-in?google=off", &response),
        Err(app::error::AppError::Busy { .. }) => redirect("/sign-in?google=busy", &response),
        Err(_) => redirect("/sign-in?google=failed", &response),
    }
}

#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
}

pub async fn callback(State(state): State<AppState>, Query(query): Query<Callback>, parts: Parts) -> Response {
    let (info, response) = request_info(&parts, &state);
    let to = google::finish(&state, info, query.code, query.state).await;
    redirect(&to, &response)
}
