//! Turns what people type or paste into the template's values: spaces trimmed, Y/N read as
//! 是/否 (or 有/無), full-width digits made ASCII. Used by the grid on every edit and paste and
//! by the server on every import, before `rules::check`.

use super::columns::{Column, Kind, HAS, HAS_NOT, NO, YES};

/// The value `text` stands for in `column`. Never fails: what it cannot read stays as typed,
/// for `rules::check` to report.
pub fn normalize(column: Column, text: &str) -> String {
    let text = text.trim();
    match column.kind() {
        Kind::Choice(_) => yes_no(column, text).map(str::to_string).unwrap_or_else(|| text.to_string()),
        Kind::Hours | Kind::Oid => text.chars().map(half_width).collect(),
        Kind::Text => text.to_string(),
    }
}

/// Y/N (any case, full or half width) in the columns whose template header says (Y/N).
fn yes_no(column: Column, text: &str) -> Option<&'static str> {
    let (yes, no) = match column {
        Column::HostedOnSite | Column::Core | Column::Sensitive | Column::InIsms => (YES, NO),
        Column::ChinaComponents => (HAS, HAS_NOT),
        _ => return None,
    };
    let folded: String = text.chars().map(half_width).collect::<String>().to_ascii_uppercase();
    match folded.as_str() {
        "Y" | "YES" => Some(yes),
        "N" | "NO" => Some(no),
        _ => None,
    }
}

/// Full-width ASCII (what a Chinese input method types: ０-９, Ａ-Ｚ, ．) to half width.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_become_the_template_values() {
        assert_eq!(normalize(Column::Core, "Y"), "是");
        assert_eq!(normalize(Column::Core, " n "), "否");
        assert_eq!(normalize(Column::InIsms, "ｙ"), "是");
        assert_eq!(normalize(Column::ChinaComponents, "Y"), "有");
        assert_eq!(normalize(Column::ChinaComponents, "no"), "無");
        assert_eq!(normalize(Column::Core, "是"), "是");
        // Only the (Y/N) columns read Y/N.
        assert_eq!(normalize(Column::Attribute, "Y"), "Y");
        assert_eq!(normalize(Column::SystemName, "N"), "N");
    }

    #[test]
    fn full_width_digits_in_numbers_and_oids() {
        assert_eq!(normalize(Column::MaxDowntimeHours, "２４"), "24");
        assert_eq!(normalize(Column::AuthorityOid, "２．１６．８８６"), "2.16.886");
        // Text columns keep what was typed, full width included.
        assert_eq!(normalize(Column::SystemName, " 系統Ａ "), "系統Ａ");
    }
}
