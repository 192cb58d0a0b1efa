//! A subsystem's catalogue of functions (功能選單項目): data per subsystem, registered with it,
//! which 子帳號管理 grants entry by entry and the subsystem receives as its user's
//! `functions`. Stored and typed as one entry per line, `code | 中文名稱 | English name`
//! (the English name may be left out and is then the Chinese one).

use serde::{Deserialize, Serialize};

use crate::{error::AppError, i18n::Locale};

/// At most this many functions per subsystem: a menu, not a database.
pub const MAX_FUNCTIONS: usize = 40;

/// One function of a subsystem's catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionEntry {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

impl FunctionEntry {
    pub fn name(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhTw => &self.name_zh,
            Locale::En => &self.name_en,
        }
    }
}

/// A function's code: what grants store and the `functions` claim carries. Lowercase letters,
/// digits, `-` and `_`, starting with a letter, 1 to 32 characters.
pub fn is_function_code(code: &str) -> bool {
    let mut chars = code.chars();
    code.len() <= 32
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The entries of a catalogue's text, as typed or stored; a line whose code is not a code is
/// kept with its code as typed, so that `check_catalogue` can name it.
pub fn parse_catalogue(text: &str) -> Vec<FunctionEntry> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut parts = line.split('|').map(str::trim);
            let code = parts.next().unwrap_or("").to_string();
            let name_zh = parts.next().unwrap_or("").to_string();
            let name_en = parts.next().filter(|n| !n.is_empty()).unwrap_or(&name_zh).to_string();
            FunctionEntry { code, name_zh, name_en }
        })
        .collect()
}

/// A catalogue in its stored form: one `code | 中文 | English` per line.
pub fn catalogue_text(entries: &[FunctionEntry]) -> String {
    entries.iter().map(|e| format!("{} | {} | {}", e.code, e.name_zh, e.name_en)).collect::<Vec<_>>().join("\n")
}

/// Whether `text` is a catalogue that may be stored: every line a code and a name (at most 40
/// characters each, no `|` left over), no code twice, at most `MAX_FUNCTIONS` entries.
pub fn check_catalogue(text: &str) -> Result<(), AppError> {
    let entries = parse_catalogue(text);
    let mut seen = std::collections::BTreeSet::new();
    let bad_line = text.lines().filter(|l| !l.trim().is_empty()).any(|l| l.matches('|').count() > 2);
    let fine = entries.len() <= MAX_FUNCTIONS
        && !bad_line
        && entries.iter().all(|e| {
            is_function_code(&e.code)
                && seen.insert(e.code.as_str())
                && [&e.name_zh, &e.name_en].iter().all(|n| !n.is_empty() && n.chars().count() <= 40)
        });
    if fine {
        Ok(())
    } else {
        Err(AppError::invalid("functions", crate::i18n::Msg::SubsystemFunctionsInvalid))
    }
}

/// The codes of a grant's stored list (`fill,submit`) that the catalogue lists, in the
/// catalogue's order: what a subsystem is told and 子帳號管理 shows, whatever was stored
/// before the catalogue last changed.
pub fn held_functions<'a>(catalogue: &'a [FunctionEntry], stored: &str) -> Vec<&'a str> {
    let held: Vec<&str> = stored.split(',').map(str::trim).collect();
    catalogue.iter().map(|e| e.code.as_str()).filter(|code| held.contains(code)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogue_is_read_normalized_and_written_back() {
        let entries = parse_catalogue(" fill | 填報 | Fill in \n\nsubmit|提報\n");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1], FunctionEntry { code: "submit".into(), name_zh: "提報".into(), name_en: "提報".into() });
        assert_eq!(catalogue_text(&entries), "fill | 填報 | Fill in\nsubmit | 提報 | 提報");
        assert_eq!(parse_catalogue(&catalogue_text(&entries)), entries);
        assert_eq!(check_catalogue(""), Ok(()));
        assert_eq!(check_catalogue(&catalogue_text(&entries)), Ok(()));
    }

    #[test]
    fn a_bad_catalogue_is_refused_at_its_field() {
        let refused =
            |text: &str| matches!(check_catalogue(text), Err(AppError::Invalid { field, .. }) if field == "functions");
        for bad in [
            "Fill | 填報",
            "fill",
            "fill |  | Fill",
            "fill | 填報\nfill | 再填",
            "fill | 填報 | Fill | extra",
            "9x | 名稱",
            "填報 | fill",
        ] {
            assert!(refused(bad), "{bad:?}");
        }
        let long = format!("fill | {}", "長".repeat(41));
        assert!(refused(&long));
        let many: Vec<String> = (0..=MAX_FUNCTIONS).map(|i| format!("f{i} | 功能{i}")).collect();
        assert!(refused(&many.join("\n")));
    }

    #[test]
    fn held_functions_keep_the_catalogue_order_and_drop_what_it_no_longer_lists() {
        let catalogue = parse_catalogue("fill | 填報\nsubmit | 提報\nview | 查詢");
        assert_eq!(held_functions(&catalogue, "view,gone,fill"), vec!["fill", "view"]);
        assert_eq!(held_functions(&catalogue, ""), Vec::<&str>::new());
    }
}
