//! The demo subsystem's three pages, as plain HTML: it is a stand-in for a school's own
//! system, outside Gatehouse's UI, so it has no Leptos, no script and one line of style.

use axum::{
    http::{header, StatusCode},
    response::{Html, IntoResponse, Response},
};

use super::sessions::Session;

/// Why the home page shows no one signed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignedOut {
    /// Never signed in, or the session is gone (the demo restarted).
    NotSignedIn,
    /// Gatehouse ended the session by back-channel logout.
    ByGatehouse,
    /// The user signed out here, and Gatehouse sent the browser back with our `state`.
    Here,
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page, never cached (it shows who is signed in).
fn page(status: StatusCode, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"zh-Hant-TW\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>示範子系統 Demo subsystem</title><link rel=\"icon\" href=\"data:,\">\
         <style>body{{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}}\
         td,th{{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}}\
         table{{border-collapse:collapse}}pre{{background:#f4f4f4;padding:1rem;overflow:auto}}\
         .button{{display:inline-block;padding:.5rem 1rem;background:#1d4ed8;color:#fff;border-radius:.25rem;\
         text-decoration:none}}</style></head>\
         <body><h1>示範子系統 <small>Demo subsystem</small></h1>{body}</body></html>"
    );
    (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

/// A claim's value as the table shows it: text as it is, anything else as JSON.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

pub fn signed_in(session: &Session) -> Response {
    let username = ["preferred_username", "sub"]
        .iter()
        .find_map(|name| session.userinfo[name].as_str().or(session.claims[name].as_str()))
        .unwrap_or_default();
    let rows: String = session
        .claims
        .as_object()
        .map(|claims| {
            claims
                .iter()
                .map(|(name, value)| format!("<tr><th>{}</th><td>{}</td></tr>", escape(name), escape(&shown(value))))
                .collect()
        })
        .unwrap_or_default();
    let userinfo = serde_json::to_string_pretty(&session.userinfo).unwrap_or_default();
    page(
        StatusCode::OK,
        &format!(
            "<p>您已透過 Gatehouse 登入 (signed in through Gatehouse) as \
             <strong data-testid=\"demo-username\">{}</strong>.</p>\
             <p><a class=\"button\" href=\"/logout\">登出 Sign out</a></p>\
             <h2>ID token claims</h2><table data-testid=\"demo-claims\">{rows}</table>\
             <h2>userinfo</h2><pre data-testid=\"demo-userinfo\">{}</pre>",
            escape(username),
            escape(&userinfo),
        ),
    )
}

pub fn signed_out(why: SignedOut) -> Response {
    let note = match why {
        SignedOut::NotSignedIn => "您尚未登入。 Not signed in.",
        SignedOut::ByGatehouse => {
            "Gatehouse 已將您登出（back-channel logout）。 Gatehouse signed you out (back-channel logout)."
        }
        SignedOut::Here => "您已登出本系統與 Gatehouse。 You signed out here and at Gatehouse.",
    };
    page(
        StatusCode::OK,
        &format!(
            "<p data-testid=\"demo-signed-out\">{note}</p>\
             <p><a class=\"button\" href=\"/login\">以 Gatehouse 登入 Sign in with Gatehouse</a></p>"
        ),
    )
}

/// A sign-in that did not finish: the error code and what it says.
pub fn error(code: &str, description: &str) -> Response {
    page(
        StatusCode::BAD_REQUEST,
        &format!(
            "<p>登入未完成。 The sign-in did not finish.</p>\
             <p><strong data-testid=\"demo-error\">{}</strong>: {}</p><p><a href=\"/\">回首頁 Home</a></p>",
            escape(code),
            escape(description),
        ),
    )
}
