//! The common-password blocklist: the 10,000 most frequent passwords of the zxcvbn frequency
//! list (MIT; see COMMON-LICENSE.txt), sorted, so a binary search needs no set in memory.

const LIST: &str = include_str!("common.txt");

static LINES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// True when `password`, ignoring case, is on the list.
pub fn is_common(password: &str) -> bool {
    let lines = LINES.get_or_init(|| LIST.lines().collect());
    lines.binary_search(&password.to_lowercase().as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_found() {
        let lines: Vec<&str> = LIST.lines().collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "common.txt must be sorted and unique");
        assert_eq!(lines.len(), 10_000);
        assert!(is_common("password") && is_common("PassWord") && is_common("qwerty123"));
        assert!(!is_common("Gatehouse-7Tq!xP"));
    }
}
