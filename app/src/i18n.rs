//! Locales and message texts. Traditional Chinese first, English second.
//!
//! Texts live in `app/locales/*.toml`; the build turns them into the `Msg` enum, so a missing
//! translation or a misspelt key fails the build instead of showing a raw key to a user.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The cookie that remembers the chosen language.
pub const LOCALE_COOKIE: &str = "gatehouse_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    ZhTw,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhTw, Locale::En];

    /// The BCP 47 tag, as used in `<html lang>` and in the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhTw => "zh-Hant-TW",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        match tag.trim() {
            "zh-Hant-TW" | "zh-TW" | "zh-Hant" | "zh" => Some(Locale::ZhTw),
            "en" | "en-US" | "en-GB" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the locale from a `Cookie` header value; Traditional Chinese when absent.
    pub fn from_cookie_header(header: &str) -> Locale {
        crate::url::cookie_value(header, &[LOCALE_COOKIE]).and_then(Locale::from_tag).unwrap_or_default()
    }

    /// The name of the language in itself, for the switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::ZhTw => "中文",
            Locale::En => "English",
        }
    }
}

/// A message with its arguments, rendered in whatever locale the reader has. Errors carry this
/// across the wire rather than text, so the browser shows them in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalText {
    pub msg: Msg,
    pub args: Vec<(String, String)>,
}

impl LocalText {
    pub fn new(msg: Msg) -> Self {
        LocalText { msg, args: Vec::new() }
    }

    pub fn arg(mut self, name: &str, value: impl ToString) -> Self {
        self.args.push((name.to_string(), value.to_string()));
        self
    }

    pub fn render(&self, locale: Locale) -> String {
        let mut text = self.msg.raw(locale).to_string();
        for (name, value) in &self.args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

impl From<Msg> for LocalText {
    fn from(msg: Msg) -> Self {
        LocalText::new(msg)
    }
}

/// Makes the request's locale available to every component below.
pub fn provide_locale(locale: Locale) {
    provide_context(locale);
}

/// The locale of the page being rendered.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The text of `msg` in the current locale.
pub fn t(msg: Msg) -> &'static str {
    msg.raw(use_locale())
}

/// `text` rendered in the current locale.
pub fn tr(text: &LocalText) -> String {
    text.render(use_locale())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_crosses_the_wire_by_its_name() {
        for (name, msg) in MSG_NAMES {
            let json = serde_json::to_string(&msg).unwrap();
            assert_eq!(json, format!("{name:?}"));
            assert_eq!(serde_json::from_str::<Msg>(&json).unwrap(), msg);
        }
        assert_eq!(serde_json::to_string(&Msg::SiteName).unwrap(), "\"SiteName\"");
        assert!(serde_json::from_str::<Msg>("\"NoSuchMessage\"").is_err());
        assert!(serde_json::from_str::<Msg>("3").is_err());
    }

    #[test]
    fn cookie_picks_locale_and_defaults_to_chinese() {
        assert_eq!(Locale::from_cookie_header(""), Locale::ZhTw);
        assert_eq!(Locale::from_cookie_header("a=b; gatehouse_lang=en"), Locale::En);
        assert_eq!(Locale::from_cookie_header("gatehouse_lang=xx"), Locale::ZhTw);
        assert_eq!(Locale::from_tag(Locale::En.tag()), Some(Locale::En));
        assert_eq!(Locale::from_tag(Locale::ZhTw.tag()), Some(Locale::ZhTw));
    }

    #[test]
    fn arguments_fill_placeholders() {
        let t = LocalText::new(Msg::OidLeadingZero).arg("position", 2).arg("arc", "016");
        assert!(t.render(Locale::En).contains("016"));
        assert!(!t.render(Locale::ZhTw).contains('{'));
    }
}
