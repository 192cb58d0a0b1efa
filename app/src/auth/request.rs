//! What a server function knows about the request it serves: who (the session cookie), from
//! where (address, user agent) and in which language.

use http::{header, request::Parts};

use super::session::SESSION_COOKIES;
use crate::i18n::Locale;

#[derive(Clone, Default)]
pub struct RequestInfo {
    pub ip: String,
    pub user_agent: String,
    pub session_token: Option<String>,
    pub locale: Locale,
    /// The response being built, captured here because flows run their database work on
    /// another thread, where the reactive context (and so `use_context`) is not available.
    pub response: Option<leptos_axum::ResponseOptions>,
}

impl std::fmt::Debug for RequestInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestInfo")
            .field("ip", &self.ip)
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

impl RequestInfo {
    pub fn from_parts(parts: &Parts, trust_proxy: bool) -> RequestInfo {
        let header_str = |name| parts.headers.get(name).and_then(|v: &http::HeaderValue| v.to_str().ok());
        let forwarded = trust_proxy
            .then(|| header_str("x-forwarded-for").and_then(|v| v.split(',').next()).map(|v| v.trim().to_string()))
            .flatten();
        let peer =
            parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string());
        let cookies = header_str(header::COOKIE.as_str()).unwrap_or("");
        RequestInfo {
            ip: forwarded.or(peer).unwrap_or_default(),
            user_agent: header_str(header::USER_AGENT.as_str()).unwrap_or("").chars().take(400).collect(),
            session_token: crate::url::cookie_value(cookies, &SESSION_COOKIES).map(str::to_string),
            locale: Locale::from_cookie_header(cookies),
            response: None,
        }
    }

    /// The request of the running server function (or page render).
    pub fn current(state: &crate::state::AppState) -> RequestInfo {
        let mut info = leptos::prelude::use_context::<Parts>()
            .map(|p| RequestInfo::from_parts(&p, state.auth.trust_proxy))
            .unwrap_or_default();
        info.response = leptos::prelude::use_context::<leptos_axum::ResponseOptions>();
        info
    }
}
