//! Light pages' plain forms (`app::light`) and scripts. A form posts here and is answered
//! with a redirect to where it leads, or with its page again: what was typed and the error at
//! its field, rendered on the server like any light page.

use app::{
    accounts::SignInNext,
    error::AppError,
    flows::accounts as flows,
    light::{Posted, Script},
    shell,
    state::AppState,
    style::stylesheet_href,
};
use axum::{
    body::Body,
    extract::{rejection::FormRejection, Form, Path, State},
    http::{header, request::Parts, HeaderValue, Method, Request, StatusCode},
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;
use leptos_axum::ResponseOptions;
use serde::Deserialize;

use super::oidc::{redirect, request_info, with_cookies};

/// `GET /light/{name}-{hash}.js`: a light page's script, kept for good under its name.
pub async fn script(Path(file): Path<String>) -> Response {
    let Some(script) = Script::at(&format!("/light/{file}")) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
        ],
        script.source(),
    )
        .into_response()
}

/// The sign-in page's two forms: `form` says which (`passkey`, else the password's).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    form: String,
    username: String,
    password: String,
    captcha: String,
    token: String,
    credential: String,
}

/// `POST /sign-in`: username, password and the CAPTCHA's answer; or a passkey's answer to the
/// ceremony the page's script ran. Both post to the page's own address, so that the page
/// that answers a refusal is at the address it shows.
pub async fn sign_in(
    State(state): State<AppState>,
    parts: Parts,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let (info, response) = request_info(&parts, &state);
    let here = (parts, "/sign-in");
    if form.form == "passkey" {
        let result = flows::factors::passkey::sign_in(&state, info, form.token, form.credential).await;
        return go_on(&state, here, response, result, |e| Posted::new("passkey", e)).await;
    }
    let username = form.username.clone();
    let result = flows::sign_in::sign_in(&state, info, form.username, form.password, form.captcha).await;
    go_on(&state, here, response, result, |e| Posted::new("password", e).value("username", username)).await
}

/// The code step's two forms: `form` says which (`key`, else the code's).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    form: String,
    code: String,
    credential: String,
}

/// `POST /sign-in/verify`: the authenticator's code, or a bound key's answer to the challenge
/// the page's script asked.
pub async fn verify(
    State(state): State<AppState>,
    parts: Parts,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let (info, response) = request_info(&parts, &state);
    let here = (parts, "/sign-in/verify");
    if form.form == "key" {
        let result = flows::factors::key_sign_in::sign_in(&state, info, form.credential).await;
        return go_on(&state, here, response, result, |e| Posted::new("key", e)).await;
    }
    let code = form.code.clone();
    let result = flows::factors::totp_code::verify_code(&state, info, form.code).await;
    go_on(&state, here, response, result, |e| Posted::new("code", e).value("code", code)).await
}

/// Where a sign-in step leads, or its `page` again with `posted`'s error.
async fn go_on(
    state: &AppState,
    (parts, page): (Parts, &str),
    response: ResponseOptions,
    result: Result<SignInNext, AppError>,
    posted: impl FnOnce(AppError) -> Posted,
) -> Response {
    match result {
        Ok(next) => redirect(next.path(), &response),
        // A lockout ended the half-finished sign-in: it starts again from the first step.
        Err(AppError::Unauthorized) => redirect("/sign-in", &response),
        Err(e) => page_again(state, (parts, page), &response, posted(e)).await,
    }
}

/// The form's `page`, rendered as its GET would be (the post's query kept), with `posted` for
/// it to show; and the cookies the refused step set (a sign-in started over, a lockout).
async fn page_again(
    state: &AppState,
    (parts, page): (Parts, &str),
    response: &ResponseOptions,
    posted: Posted,
) -> Response {
    let uri = match parts.uri.query() {
        Some(query) => format!("{page}?{query}"),
        None => page.to_string(),
    };
    let mut request = Request::from_parts(parts, Body::empty());
    *request.method_mut() = Method::GET;
    *request.uri_mut() = uri.parse().unwrap_or_default();
    request.headers_mut().remove(header::CONTENT_TYPE);
    request.headers_mut().remove(header::CONTENT_LENGTH);
    let options = state.leptos_options.clone();
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(posted.clone());
        }
    };
    let render = leptos_axum::render_app_async_with_context(context, move || shell(options.clone(), stylesheet_href()));
    let mut page = with_cookies(render(request).await, response);
    page.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    page
}
