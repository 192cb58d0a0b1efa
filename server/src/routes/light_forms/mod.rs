//! Light pages' plain forms (`app::light`) and files. A form posts here and is answered with a
//! redirect to where it leads, or with its page again: what was typed and the error at its
//! field, rendered on the server like any light page.

mod inventory;
mod lookup;
mod recovery;
mod server_fns;
mod sign_in;

use std::convert::Infallible;

use app::{
    auth::RequestInfo,
    error::AppError,
    light::{Answered, Asset, Posted},
    shell,
    state::AppState,
    style::stylesheet_href,
};
use axum::{
    body::Body,
    extract::{Form, FromRequest, Path},
    http::{header, request::Parts, HeaderValue, Method, Request, StatusCode},
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;
use leptos_axum::ResponseOptions;
use serde::de::DeserializeOwned;

pub use inventory::replace as replace_inventory;
pub use lookup::who_administers;
pub use recovery::{forgot_account, forgot_password, resend_link, reset_password};
pub use server_fns::plain_posts;
pub use sign_in::{reset_binding, sign_in, verify};

use super::oidc::{redirect, request_info, with_cookies};

/// `GET /light/{name}-{hash}.{js,wasm}`: a light page's script or wasm, kept for good under
/// its name.
pub async fn asset(Path(file): Path<String>) -> Response {
    let Some(asset) = Asset::at(&format!("/light/{file}")) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type())),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
        ],
        asset.bytes(),
    )
        .into_response()
}

/// A light form's post, read: its fields, the request's facts for the flow, and what answers
/// it. A body that is not a form reads as an empty one, which each flow refuses at its first
/// field like any empty form.
pub struct Post<T> {
    pub form: T,
    pub info: RequestInfo,
    pub reply: Reply,
}

impl<T: DeserializeOwned + Default + Send> FromRequest<AppState> for Post<T> {
    type Rejection = Infallible;

    async fn from_request(request: Request<Body>, state: &AppState) -> Result<Self, Infallible> {
        let (parts, body) = request.into_parts();
        let form = Form::<T>::from_request(Request::from_parts(parts.clone(), body), state).await;
        let (info, response) = request_info(&parts, state);
        let reply = Reply { state: state.clone(), parts, response };
        Ok(Post { form: form.map(|Form(f)| f).unwrap_or_default(), info, reply })
    }
}

/// What answers a light form's post: a redirect, or the form's page again.
pub struct Reply {
    state: AppState,
    parts: Parts,
    response: ResponseOptions,
}

impl Reply {
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// A redirect to `to`, with the cookies the flow set.
    pub fn redirect(&self, to: &str) -> Response {
        redirect(to, &self.response)
    }

    /// To `result`'s address, or to `page` again with `posted`'s error.
    pub async fn answer(
        self,
        page: &str,
        result: Result<String, AppError>,
        posted: impl FnOnce(AppError) -> Posted,
    ) -> Response {
        match result {
            Ok(location) => self.redirect(&location),
            Err(e) => self.page_again(page, posted(e)).await,
        }
    }

    /// The form's `page`, rendered as its GET would be (the post's query kept), with `posted`
    /// for it to show; and the cookies the refused step set (a sign-in started over, a
    /// lockout).
    async fn page_again(self, page: &str, posted: Posted) -> Response {
        self.page_with(page, move || provide_context(posted.clone())).await
    }

    /// The form's `page` with what its post found (`app::light::Answered`), or its error.
    pub async fn found<T: Clone + Send + Sync + 'static>(
        self,
        page: &str,
        result: Result<T, AppError>,
        posted: impl FnOnce(AppError) -> Posted,
    ) -> Response {
        match result {
            Ok(found) => self.page_with(page, move || provide_context(Answered(found.clone()))).await,
            Err(e) => self.page_again(page, posted(e)).await,
        }
    }

    /// `page` rendered as its GET would be (with the post's query, unless `page` names its
    /// own), in a context that `provide` adds to; and the cookies the post set (a sign-in
    /// started over, a lockout).
    async fn page_with(self, page: &str, provide: impl Fn() + Clone + Send + Sync + 'static) -> Response {
        let Reply { state, parts, response } = self;
        let uri = match parts.uri.query() {
            Some(query) if !page.contains('?') => format!("{page}?{query}"),
            _ => page.to_string(),
        };
        let mut request = Request::from_parts(parts, Body::empty());
        *request.method_mut() = Method::GET;
        *request.uri_mut() = uri.parse().unwrap_or_default();
        request.headers_mut().remove(header::CONTENT_TYPE);
        request.headers_mut().remove(header::CONTENT_LENGTH);
        let options = state.leptos_options.clone();
        let context = move || {
            provide_context(state.clone());
            provide();
        };
        let render =
            leptos_axum::render_app_async_with_context(context, move || shell(options.clone(), stylesheet_href()));
        let mut page = with_cookies(render(request).await, &response);
        page.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        page
    }
}
