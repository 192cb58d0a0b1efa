//! 用戶約定條款: the terms of use every account agrees to, version by version, before it
//! works. Data and the one rule both sides check (a version's text); shared with the browser.

use serde::{Deserialize, Serialize};

use crate::{error::AppError, i18n::Msg};

/// The longest text of one language of the terms, in characters.
pub const TERMS_MAX_CHARS: usize = 20_000;

/// The terms in force, as the reader's language has them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub version: i64,
    pub body: String,
    pub published_at: i64,
    /// When the signed-in reader agreed to this version; `None` for a guest or one who has not.
    pub agreed_at: Option<i64>,
}

/// What the terms page shows: the terms in force, if any were published, and for the central
/// authority how many accounts have agreed to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsPage {
    pub terms: Option<Terms>,
    /// Whether the reader must agree before anything else.
    pub pending: bool,
    /// For the central authority: accounts that agreed to the version in force, of the active ones.
    pub agreed: Option<(i64, i64)>,
}

/// Checks one language's text of new terms: not empty, not longer than `TERMS_MAX_CHARS`.
pub fn check_terms_text(field: &'static str, text: &str) -> Result<String, AppError> {
    let text = text.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Err(AppError::invalid(field, Msg::TermsTextRequired));
    }
    if text.chars().count() > TERMS_MAX_CHARS {
        return Err(AppError::invalid(field, Msg::TermsTextTooLong));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_needed_and_bounded() {
        assert!(check_terms_text("body_zh", "  \n ").is_err());
        assert!(check_terms_text("body_zh", &"字".repeat(TERMS_MAX_CHARS + 1)).is_err());
        assert_eq!(check_terms_text("body_zh", " 第一條\r\n第二條 ").expect("ok"), "第一條\n第二條");
    }
}
