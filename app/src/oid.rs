//! Object identifiers in dotted-decimal form (`2.16.886.101.20003.20005`).
//!
//! Pure and `cfg`-free: the same parser checks a field as the user types in the browser and
//! every request and imported row on the server.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::{LocalText, Msg};

/// The longest OID we accept, in characters. Real ones stay under 60.
pub const MAX_LEN: usize = 200;
/// The longest arc, in digits; keeps arcs comparable as numbers without big integers.
pub const MAX_ARC_DIGITS: usize = 20;

/// A syntactically valid OID, kept in its canonical text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Oid(String);

/// Why a text is not an OID. Positions count arcs from 1, as people do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OidError {
    Empty,
    TooLong,
    /// Two dots in a row, or a dot at either end.
    EmptyArc {
        position: usize,
    },
    NotDigits {
        position: usize,
        arc: String,
    },
    LeadingZero {
        position: usize,
        arc: String,
    },
    ArcTooLong {
        position: usize,
    },
}

impl Oid {
    /// Parses `text`, ignoring white space around it.
    pub fn parse(text: &str) -> Result<Oid, OidError> {
        Self::check(text)?;
        Ok(Oid(text.trim().to_string()))
    }

    /// Whether `text` is an OID, without keeping it (a sheet's check of 10,000 rows).
    pub fn check(text: &str) -> Result<(), OidError> {
        check_arcs(text.trim(), false)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn arcs(&self) -> impl Iterator<Item = &str> {
        self.0.split('.')
    }

    pub fn depth(&self) -> usize {
        self.arcs().count()
    }

    /// Every proper prefix, shortest first: `2`, `2.16`, `2.16.886` for `2.16.886.101`.
    pub fn ancestors(&self) -> Vec<Oid> {
        self.0.match_indices('.').map(|(i, _)| Oid(self.0[..i].to_string())).collect()
    }

    /// True when `self` lies strictly below `other` in the tree.
    pub fn is_below(&self, other: &Oid) -> bool {
        self.0.len() > other.0.len() && self.0.starts_with(&other.0) && self.0.as_bytes()[other.0.len()] == b'.'
    }

    /// The prefix of `self` one arc below `ancestor`, if `self` lies below it.
    pub fn child_toward(&self, ancestor: &Oid) -> Option<Oid> {
        if !self.is_below(ancestor) {
            return None;
        }
        let rest = &self.0[ancestor.0.len() + 1..];
        let arc = rest.split('.').next().unwrap_or(rest);
        Some(Oid(format!("{}.{arc}", ancestor.0)))
    }
}

/// Checks the arcs of `text`. With `allow_trailing_dot`, `2.16.` is a valid prefix.
fn check_arcs(text: &str, allow_trailing_dot: bool) -> Result<(), OidError> {
    if text.is_empty() {
        return Err(OidError::Empty);
    }
    if text.len() > MAX_LEN {
        return Err(OidError::TooLong);
    }
    let body = match text.strip_suffix('.') {
        Some(b) if allow_trailing_dot && !b.is_empty() => b,
        _ => text,
    };
    for (i, arc) in body.split('.').enumerate() {
        let position = i + 1;
        if arc.is_empty() {
            return Err(OidError::EmptyArc { position });
        }
        if !arc.bytes().all(|b| b.is_ascii_digit()) {
            return Err(OidError::NotDigits { position, arc: arc.to_string() });
        }
        if arc.len() > 1 && arc.starts_with('0') {
            return Err(OidError::LeadingZero { position, arc: arc.to_string() });
        }
        if arc.len() > MAX_ARC_DIGITS {
            return Err(OidError::ArcTooLong { position });
        }
    }
    Ok(())
}

/// True when `text` is the start of an OID a user is typing: valid arcs, maybe a trailing dot.
pub fn is_oid_prefix(text: &str) -> bool {
    check_arcs(text.trim(), true).is_ok()
}

impl OidError {
    pub fn text(&self) -> LocalText {
        match self {
            OidError::Empty => LocalText::new(Msg::OidEmpty),
            OidError::TooLong => LocalText::new(Msg::OidTooLong).arg("max", MAX_LEN),
            OidError::EmptyArc { position } => LocalText::new(Msg::OidEmptyArc).arg("position", position),
            OidError::NotDigits { position, arc } => {
                LocalText::new(Msg::OidNotDigits).arg("position", position).arg("arc", arc)
            }
            OidError::LeadingZero { position, arc } => {
                LocalText::new(Msg::OidLeadingZero).arg("position", position).arg("arc", arc)
            }
            OidError::ArcTooLong { position } => {
                LocalText::new(Msg::OidArcTooLong).arg("position", position).arg("max", MAX_ARC_DIGITS)
            }
        }
    }
}

impl fmt::Display for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for OidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().render(crate::i18n::Locale::En))
    }
}

impl std::error::Error for OidError {}

impl TryFrom<String> for Oid {
    type Error = OidError;
    fn try_from(s: String) -> Result<Self, OidError> {
        Oid::parse(&s)
    }
}

impl From<Oid> for String {
    fn from(o: Oid) -> String {
        o.0
    }
}

impl std::str::FromStr for Oid {
    type Err = OidError;
    fn from_str(s: &str) -> Result<Self, OidError> {
        Oid::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_oids() {
        for s in ["2.16.886.101.20003.20005", "0", "2", "1.0.3", " 2.16.886 "] {
            assert!(Oid::parse(s).is_ok(), "{s}");
        }
        assert_eq!(Oid::parse(" 2.16 ").map(String::from), Ok("2.16".to_string()));
    }

    #[test]
    fn names_the_bad_arc() {
        assert_eq!(Oid::parse(""), Err(OidError::Empty));
        assert_eq!(Oid::parse("2..16"), Err(OidError::EmptyArc { position: 2 }));
        assert_eq!(Oid::parse(".2"), Err(OidError::EmptyArc { position: 1 }));
        assert_eq!(Oid::parse("2.16."), Err(OidError::EmptyArc { position: 3 }));
        assert_eq!(Oid::parse("2.16.886.1o1"), Err(OidError::NotDigits { position: 4, arc: "1o1".into() }));
        assert_eq!(Oid::parse("2.016"), Err(OidError::LeadingZero { position: 2, arc: "016".into() }));
        assert_eq!(Oid::parse("2.-1"), Err(OidError::NotDigits { position: 2, arc: "-1".into() }));
        assert_eq!(Oid::parse("2. 16"), Err(OidError::NotDigits { position: 2, arc: " 16".into() }));
        assert_eq!(Oid::parse("2.１6"), Err(OidError::NotDigits { position: 2, arc: "１6".into() }));
        assert_eq!(Oid::parse(&"1".repeat(21)), Err(OidError::ArcTooLong { position: 1 }));
        assert_eq!(Oid::parse(&"1.".repeat(101)), Err(OidError::TooLong));
    }

    #[test]
    fn messages_name_the_arc_in_both_languages() {
        let err = Oid::parse("2.16.0886").unwrap_err();
        let zh = err.text().render(crate::i18n::Locale::ZhTw);
        let en = err.text().render(crate::i18n::Locale::En);
        assert!(zh.contains('3') && zh.contains("0886"), "{zh}");
        assert!(en.contains('3') && en.contains("0886"), "{en}");
    }

    #[test]
    fn prefixes_and_tree_relations() {
        let o = Oid::parse("2.16.886.101").unwrap();
        let a: Vec<String> = o.ancestors().into_iter().map(String::from).collect();
        assert_eq!(a, ["2", "2.16", "2.16.886"]);
        let top = Oid::parse("2.16").unwrap();
        assert!(o.is_below(&top));
        assert!(!top.is_below(&o));
        assert!(!Oid::parse("2.160").unwrap().is_below(&top));
        assert_eq!(o.child_toward(&top).map(String::from), Some("2.16.886".to_string()));
        assert!(is_oid_prefix("2.16.") && is_oid_prefix("2") && !is_oid_prefix("2..") && !is_oid_prefix("."));
    }

    #[test]
    fn serde_refuses_invalid() {
        assert!(serde_json_like("\"2.01\"").is_err());
    }

    fn serde_json_like(s: &str) -> Result<Oid, OidError> {
        // Exercise TryFrom<String>, which serde uses, without a JSON dependency.
        Oid::try_from(s.trim_matches('"').to_string())
    }

    // Any text at all: an OID, or a reason that names where it went wrong; never a panic. What
    // parses keeps to the limits and parses again to itself.
    proptest::proptest! {
        #[test]
        fn any_text_is_an_oid_or_a_reason(text in "\\PC{0,260}") {
            match Oid::parse(&text) {
                Ok(oid) => {
                    proptest::prop_assert!(oid.as_str().len() <= MAX_LEN);
                    proptest::prop_assert_eq!(Oid::parse(oid.as_str()), Ok(oid.clone()));
                }
                Err(OidError::Empty | OidError::TooLong) => {}
                Err(OidError::EmptyArc { position } | OidError::ArcTooLong { position }) => {
                    proptest::prop_assert!(position >= 1);
                }
                Err(OidError::NotDigits { position, arc } | OidError::LeadingZero { position, arc }) => {
                    proptest::prop_assert!(position >= 1 && text.contains(arc.as_str()));
                }
            }
        }

        #[test]
        fn dotted_numbers_are_oids_up_to_the_length(arcs in proptest::collection::vec(0u64..10_000_000, 1..40)) {
            let text = arcs.iter().map(u64::to_string).collect::<Vec<_>>().join(".");
            let expected = if text.len() <= MAX_LEN { Ok(text.clone()) } else { Err(OidError::TooLong) };
            let parsed = Oid::parse(&format!("  {text}\t"));
            proptest::prop_assert_eq!(parsed.map(|o| o.as_str().to_string()), expected);
        }
    }
}
