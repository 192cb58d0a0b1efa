//! A hydrated page's form posted where its wasm did not run (a browser without WebAssembly):
//! the browser sends the form to its server function (`/api/fn/…`) as a plain post, asking for
//! HTML. server_fn alone would redirect back with the error in the address and lose what was
//! typed; instead the function runs as the app would call it, and the answer is a redirect to
//! the page on success (the page, read again, shows what changed), or the page again with
//! what was typed, the error at its field and the focus there (`app::light::Posted`), as a
//! light form is answered.

use app::{
    error::AppError,
    light::{is_secret_field, Posted},
    state::AppState,
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use base64::{engine::general_purpose::URL_SAFE, Engine};
use leptos::{prelude::provide_context, server::ServerActionError};
use leptos_axum::ResponseOptions;

use super::Reply;

const PREFIX: &str = "/api/fn/";
/// A plain form's fields are short; a larger body is left to the function's own limits.
const MAX_FORM: usize = 256 * 1024;

pub async fn plain_posts(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(page) = plain_post_from(&request) else {
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let values: Vec<(String, String)> = url::form_urlencoded::parse(&bytes)
        .filter(|(name, _)| !is_secret_field(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    // Sent from a page shown at a function's address, the form names its page itself; a page
    // that cannot be gone back to leaves the post to server_fn's own answer.
    let named = values.iter().find(|(name, _)| name == "__page").map(|(_, page)| page.clone());
    let Some(page) = named.into_iter().chain([page]).find(|p| is_page(p)) else {
        return next.run(Request::from_parts(parts, Body::from(bytes))).await;
    };
    // Answered as the app's own call is: the value, or the error, with no redirect of its own.
    let mut inner = parts.clone();
    inner.headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    let answer = next.run(Request::from_parts(inner, Body::from(bytes))).await;

    let response = ResponseOptions::default();
    for cookie in answer.headers().get_all(header::SET_COOKIE) {
        response.append_header(header::SET_COOKIE, cookie.clone());
    }
    let function = parts.uri.path().to_string();
    let to = answer.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).map(str::to_string);
    if answer.status().is_success() {
        let reply = Reply { state, parts, response };
        return reply.redirect(to.as_deref().unwrap_or(&page));
    }
    let Ok(body) = axum::body::to_bytes(answer.into_body(), MAX_FORM).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(error) = serde_json::from_slice::<AppError>(&body) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // The page, as its GET would render it, with the function's error where its
    // `ServerAction` reads it.
    let refused = ServerActionError::new(&function, &URL_SAFE.encode(&body));
    let posted = Posted { form: "", values, error, page: Some(page.clone()) };
    let reply = Reply { state, parts, response };
    reply
        .page_with(&page, move || {
            provide_context(refused.clone());
            provide_context(posted.clone());
        })
        .await
}

/// Whether `path` may be gone back to: a path of this site (not `//host/…`), not a function.
fn is_page(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with(PREFIX) && !path.contains('\\')
}

/// The page a plain form's post to a server function came from (its path and query, from
/// `Referer`), when the request is one: a POST of a urlencoded form to `/api/fn/…` that asks
/// for HTML, as a browser sends a form no script took over.
fn plain_post_from(request: &Request) -> Option<String> {
    let headers = request.headers();
    let html = headers.get(header::ACCEPT).and_then(|a| a.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    if request.method() != axum::http::Method::POST || !request.uri().path().starts_with(PREFIX) || !html || !form {
        return None;
    }
    let referer = url::Url::parse(headers.get(header::REFERER)?.to_str().ok()?).ok()?;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let authority = match referer.port() {
        Some(port) => format!("{}:{port}", referer.host_str()?),
        None => referer.host_str()?.to_string(),
    };
    // Only back to a page of this site (the same-origin check has refused other sites' posts).
    // A page shown at a function's address (a refusal's answer, where no script put the page's
    // own back) names its page in the form (`__page`).
    if host.is_some_and(|h| h != authority) {
        return None;
    }
    let query: Vec<(String, String)> = referer
        .query_pairs()
        .filter(|(k, _)| k != "__err" && k != "__path")
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Some(match pairs.is_empty() {
        true => referer.path().to_string(),
        false => format!("{}?{}", referer.path(), app::url::query_string(&pairs)),
    })
}
