//! What a server function knows about the request it serves: who (the session cookie), from
//! where (address, user agent) and in which language.

use http::{header, request::Parts};

use super::AuthSettings;
use crate::i18n::Locale;

/// Over HTTPS the `__Host-` prefix makes the browser refuse the cookie unless it is Secure,
/// host-only and for the whole site.
pub const SECURE_COOKIE: &str = "__Host-gatehouse_session";
pub const PLAIN_COOKIE: &str = "gatehouse_session";
/// The account application the browser is filling in (SPEC §2), before there is an account.
pub const SECURE_APPLY_COOKIE: &str = "__Host-gatehouse_apply";
pub const PLAIN_APPLY_COOKIE: &str = "gatehouse_apply";
/// The state of a trip to the OpenID Connect provider, which must come back to this browser.
pub const SECURE_OIDC_COOKIE: &str = "__Host-gatehouse_oidc";
pub const PLAIN_OIDC_COOKIE: &str = "gatehouse_oidc";
/// A subsystem's authorization request waiting for its sign-in (the provider's side).
pub const SECURE_RESUME_COOKIE: &str = "__Host-gatehouse_resume";
pub const PLAIN_RESUME_COOKIE: &str = "gatehouse_resume";

#[derive(Clone, Default)]
pub struct RequestInfo {
    pub ip: String,
    pub user_agent: String,
    pub session_token: Option<String>,
    /// The token of the account application in progress, if any.
    pub application_token: Option<String>,
    /// The state of this browser's trip to the OpenID Connect provider, if any.
    pub oidc_state: Option<String>,
    /// The authorization request of a subsystem that sent this browser to sign in, if any.
    pub resume: Option<String>,
    pub locale: Locale,
    /// The response being built, captured here because flows run their database work on
    /// another thread, where the reactive context (and so `use_context`) is not available.
    /// Not a fact for flows to read: only the unit of work writes to it, after its commit
    /// (`flows::work`).
    response: Option<leptos_axum::ResponseOptions>,
}

impl std::fmt::Debug for RequestInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestInfo")
            .field("ip", &self.ip)
            .field("user_agent", &self.user_agent)
            .finish_non_exhaustive()
    }
}

/// The session cookie names this installation accepts. Under `https://` only the `__Host-`
/// one: a plain-named cookie could have been planted by a sibling subdomain or over plain
/// HTTP, which the prefix rules out.
fn session_cookie_names(settings: &AuthSettings) -> &'static [&'static str] {
    if settings.secure_cookies() {
        &[SECURE_COOKIE]
    } else {
        &[PLAIN_COOKIE]
    }
}

/// The client's address from `X-Forwarded-For` behind `proxies` proxies of ours: each proxy
/// appends the address it was reached from, so the client is that many entries from the right.
/// Anything left of it is whatever the client chose to send, and is never believed.
fn forwarded_client(header: Option<&str>, proxies: usize) -> Option<String> {
    if proxies == 0 {
        return None;
    }
    let entries: Vec<&str> = header?.split(',').map(str::trim).collect();
    let entry = entries.len().checked_sub(proxies).and_then(|i| entries.get(i))?;
    entry.parse::<std::net::IpAddr>().ok().map(|ip| ip.to_string())
}

impl RequestInfo {
    pub fn from_parts(parts: &Parts, settings: &AuthSettings) -> RequestInfo {
        let header_str = |name| parts.headers.get(name).and_then(|v: &http::HeaderValue| v.to_str().ok());
        let forwarded = forwarded_client(header_str("x-forwarded-for"), settings.trusted_proxies);
        let peer =
            parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string());
        let cookies = header_str(header::COOKIE.as_str()).unwrap_or("");
        RequestInfo {
            ip: forwarded.or(peer).unwrap_or_default(),
            user_agent: header_str(header::USER_AGENT.as_str()).unwrap_or("").chars().take(400).collect(),
            session_token: crate::url::cookie_value(cookies, session_cookie_names(settings)).map(str::to_string),
            application_token: crate::url::cookie_value(
                cookies,
                if settings.secure_cookies() { &[SECURE_APPLY_COOKIE] } else { &[PLAIN_APPLY_COOKIE] },
            )
            .map(str::to_string),
            oidc_state: crate::url::cookie_value(
                cookies,
                if settings.secure_cookies() { &[SECURE_OIDC_COOKIE] } else { &[PLAIN_OIDC_COOKIE] },
            )
            .map(str::to_string),
            resume: crate::url::cookie_value(
                cookies,
                if settings.secure_cookies() { &[SECURE_RESUME_COOKIE] } else { &[PLAIN_RESUME_COOKIE] },
            )
            .filter(|v| !v.is_empty())
            .map(str::to_string),
            locale: Locale::from_cookie_header(cookies),
            response: None,
        }
    }

    /// The same request, answering through `response` (a route that builds its own answer).
    pub fn answering(mut self, response: leptos_axum::ResponseOptions) -> RequestInfo {
        self.response = Some(response);
        self
    }

    /// Adds `cookies` to the response (`Set-Cookie`). Only the unit of work calls it, once its
    /// work is committed.
    pub(crate) fn respond_with_cookies(&self, cookies: Vec<String>) {
        let Some(response) = &self.response else { return };
        for cookie in cookies {
            if let Ok(value) = http::HeaderValue::from_str(&cookie) {
                response.append_header(header::SET_COOKIE, value);
            }
        }
    }

    /// The request of the running server function (or page render).
    pub fn current(settings: &AuthSettings) -> RequestInfo {
        let mut info =
            leptos::prelude::use_context::<Parts>().map(|p| RequestInfo::from_parts(&p, settings)).unwrap_or_default();
        info.response = leptos::prelude::use_context::<leptos_axum::ResponseOptions>();
        info
    }
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    #[test]
    fn the_client_is_counted_from_the_right() {
        let header = Some("6.6.6.6, 203.0.113.9, 10.0.0.2");
        // A client's own X-Forwarded-For entry (6.6.6.6) is never taken for its address.
        assert_eq!(forwarded_client(header, 1).as_deref(), Some("10.0.0.2"));
        assert_eq!(forwarded_client(header, 2).as_deref(), Some("203.0.113.9"));
        assert_eq!(forwarded_client(header, 0), None);
        assert_eq!(forwarded_client(header, 4), None, "fewer entries than proxies: not believed");
        assert_eq!(forwarded_client(Some("not-an-ip"), 1), None);
        assert_eq!(forwarded_client(None, 1), None);
        assert_eq!(forwarded_client(Some(" 2001:db8::1 "), 1).as_deref(), Some("2001:db8::1"));
    }
}
