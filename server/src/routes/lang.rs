use app::i18n::{Locale, LOCALE_COOKIE};
use axum::{
    extract::{Path, Query},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// Only a path on this site: `/x`, never `//evil.example` or `/\evil.example`, and no control
/// characters anywhere (browsers drop tabs and newlines from a URL, which would turn
/// `/\t/evil.example` into `//evil.example`). `back` arrives percent-decoded.
fn safe_back(back: Option<String>) -> String {
    back.filter(|b| {
        b.starts_with('/') && !b.starts_with("//") && !b.starts_with("/\\") && !b.chars().any(char::is_control)
    })
    .unwrap_or_else(|| "/".to_string())
}

/// `GET /lang/{tag}?back=/path`: remembers the language for a year and returns to the page.
pub async fn switch(Path(tag): Path<String>, Query(q): Query<Back>) -> Response {
    let Some(locale) = Locale::from_tag(&tag) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cookie = format!("{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.tag());
    (StatusCode::SEE_OTHER, [(header::SET_COOKIE, cookie), (header::LOCATION, safe_back(q.back))]).into_response()
}

#[cfg(test)]
mod tests {
    use super::safe_back;

    #[test]
    fn only_local_paths_come_back() {
        assert_eq!(safe_back(Some("/directory?q=1".into())), "/directory?q=1");
        assert_eq!(safe_back(Some("//evil.example/".into())), "/");
        assert_eq!(safe_back(Some("/\\evil.example".into())), "/");
        assert_eq!(safe_back(Some("https://evil.example".into())), "/");
        assert_eq!(safe_back(Some("/a\r\nSet-Cookie: x".into())), "/");
        assert_eq!(safe_back(Some("/\t/evil.example".into())), "/");
        assert_eq!(safe_back(Some("/\u{0}x".into())), "/");
        assert_eq!(safe_back(Some("/\u{85}/evil.example".into())), "/");
        assert_eq!(safe_back(None), "/");
    }
}
