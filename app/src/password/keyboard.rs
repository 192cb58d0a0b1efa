//! Runs along a keyboard row or the alphabet, forwards or backwards: `qwer`, `asdf`, `1234`,
//! `dcba`. These are the first thing people type when asked for a "strong" password.

const SEQUENCES: [&str; 5] = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

/// The first run of at least `len` characters in `password`, ignoring case.
pub fn keyboard_run(password: &str, len: usize) -> Option<String> {
    let lower: Vec<char> = password.to_lowercase().chars().collect();
    if len < 2 || lower.len() < len {
        return None;
    }
    for window in lower.windows(len) {
        let text: String = window.iter().collect();
        let reversed: String = window.iter().rev().collect();
        if SEQUENCES.iter().any(|s| s.contains(&text) || s.contains(&reversed)) {
            return Some(text);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::keyboard_run;

    #[test]
    fn finds_rows_alphabet_and_digits_both_ways() {
        assert_eq!(keyboard_run("xxQWERxx", 4).as_deref(), Some("qwer"));
        assert_eq!(keyboard_run("Pa$asdf9", 4).as_deref(), Some("asdf"));
        assert_eq!(keyboard_run("ab1234", 4).as_deref(), Some("1234"));
        assert_eq!(keyboard_run("4321zz", 4).as_deref(), Some("4321"));
        assert_eq!(keyboard_run("zzabcd", 4).as_deref(), Some("abcd"));
        assert_eq!(keyboard_run("qwe-rty", 4), None);
        assert_eq!(keyboard_run("Tz9!kq2#", 4), None);
        assert_eq!(keyboard_run("臺北1234", 4).as_deref(), Some("1234"));
    }
}
