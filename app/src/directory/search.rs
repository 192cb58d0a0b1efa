//! What a search box input means, decided the same way in the browser and on the server.

use serde::{Deserialize, Serialize};

use crate::oid::{is_oid_prefix, Oid, OidError};

/// Inputs longer than this are cut: no organization name comes close.
pub const MAX_QUERY_CHARS: usize = 100;
/// The most results one search returns.
pub const MAX_LIMIT: usize = 50;
/// How many results a search returns when the caller does not say.
pub const DEFAULT_LIMIT: usize = 20;

/// Folds the differences that users do not mean: full-width ASCII (`２.１６`, `ＡＢＣ`) to
/// half-width, the ideographic space to a space, 臺 to 台, and ASCII case.
pub fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '。' => '.',
            '臺' => '台',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a name search looks in: the normalized name, the county when the name does not
/// say it (the Ministry's lists write 縣立新園國小 and keep 屏東縣 apart), and the short forms
/// people type for school kinds (國小 for 國民小學).
pub fn search_text(name: &str, county: Option<&str>) -> String {
    const SHORT_FORMS: [(&str, &str); 4] =
        [("國民小學", "國小"), ("國民中學", "國中"), ("高級中學", "高中"), ("高級中等學校", "高中")];
    let mut text = normalize(name);
    for (long, short) in SHORT_FORMS {
        if name.contains(long) {
            text.push(' ');
            text.push_str(short);
        }
    }
    if let Some(county) = county.map(normalize).filter(|c| !c.is_empty() && !text.contains(c.as_str())) {
        text.push(' ');
        text.push_str(&county);
    }
    text
}

/// A school code: six letters or digits for K-12 schools (`010300`), four digits for
/// universities and colleges.
pub fn is_school_code(text: &str) -> bool {
    let t = text.trim();
    (t.len() == 6 && t.bytes().all(|b| b.is_ascii_alphanumeric()))
        || (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
}

/// What kind of thing the user typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchKind {
    /// Dotted digits: a whole OID or the start of one.
    Oid,
    /// Only digits or letters-and-digits: a school code or its start, or a name part.
    Code,
    /// Anything else: part of a name.
    Name,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    /// The normalized text; empty means no search.
    pub text: String,
    pub kind: SearchKind,
}

impl SearchQuery {
    pub fn parse(raw: &str) -> SearchQuery {
        let text: String = normalize(raw).chars().take(MAX_QUERY_CHARS).collect();
        let kind = if looks_like_oid(&text) {
            SearchKind::Oid
        } else if !text.is_empty() && text.len() <= 6 && text.bytes().all(|b| b.is_ascii_alphanumeric()) {
            SearchKind::Code
        } else {
            SearchKind::Name
        };
        SearchQuery { text, kind }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The query the server runs: refused, at field `q`, when it is meant as an OID but is
    /// not one. The search box shows the same message as it is typed, from `oid_error`.
    pub fn checked(raw: &str) -> Result<SearchQuery, crate::error::AppError> {
        let query = SearchQuery::parse(raw);
        match query.oid_error() {
            Some(err) => Err(crate::error::AppError::invalid("q", err.text())),
            None => Ok(query),
        }
    }

    /// For input that is meant as an OID but is not one (`2.16..886`, `2.016`), what is wrong
    /// with it. A trailing dot is fine: the user is still typing.
    pub fn oid_error(&self) -> Option<OidError> {
        (self.kind == SearchKind::Oid && !is_oid_prefix(&self.text)).then(|| Oid::parse(&self.text).err()).flatten()
    }
}

/// Starts with a digit, has a dot, and holds nothing but letters, digits and dots: people
/// typing this mean an OID, so a wrong arc deserves a message rather than an empty list.
fn looks_like_oid(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
        && text.contains('.')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_tai_width_and_case() {
        assert_eq!(normalize("臺北市"), "台北市");
        assert_eq!(normalize("  ２.１６．８８６ "), "2.16.886");
        assert_eq!(normalize("ＡＢＣ　Def"), "abc def");
        assert_eq!(normalize("台北\t\t市"), "台北 市");
    }

    #[test]
    fn classifies_inputs() {
        assert_eq!(SearchQuery::parse("2.16.886.101.20003.20005").kind, SearchKind::Oid);
        assert_eq!(SearchQuery::parse("2.16.").kind, SearchKind::Oid);
        assert_eq!(SearchQuery::parse("010300").kind, SearchKind::Code);
        assert_eq!(SearchQuery::parse("0103").kind, SearchKind::Code);
        assert_eq!(SearchQuery::parse("教育部").kind, SearchKind::Name);
        assert_eq!(SearchQuery::parse("2..3").kind, SearchKind::Oid);
        assert_eq!(SearchQuery::parse("2..3").oid_error(), Some(OidError::EmptyArc { position: 2 }));
        assert_eq!(
            SearchQuery::parse("2.016").oid_error(),
            Some(OidError::LeadingZero { position: 2, arc: "016".into() })
        );
        assert_eq!(SearchQuery::parse("2.16.").oid_error(), None);
        assert_eq!(
            SearchQuery::parse("2.16.8a").oid_error(),
            Some(OidError::NotDigits { position: 3, arc: "8a".into() })
        );
        assert_eq!(SearchQuery::parse("台北 2.1").oid_error(), None);
        assert!(SearchQuery::parse("   ").is_empty());
        assert_eq!(SearchQuery::parse(&"台".repeat(500)).text.chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn search_text_adds_county_and_short_forms() {
        assert_eq!(search_text("縣立新園國小", Some("屏東縣")), "縣立新園國小 屏東縣");
        assert_eq!(search_text("屏東縣新園鄉瓦瑤國民小學", Some("屏東縣")), "屏東縣新園鄉瓦瑤國民小學 國小");
        assert_eq!(search_text("臺北市政府", None), "台北市政府");
    }

    #[test]
    fn school_codes() {
        assert!(is_school_code("010300") && is_school_code("0001") && is_school_code("01A301"));
        assert!(!is_school_code("01030") && !is_school_code("01-300") && !is_school_code("abcd"));
    }
}
