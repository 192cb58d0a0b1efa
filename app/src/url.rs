//! Percent-encoding for the few URLs the pages build by hand.

/// Encodes `text` for use as one query value or path segment.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A query string from name and value pairs, values encoded.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{k}={}", encode_component(v))).collect::<Vec<_>>().join("&")
}

/// The value of the first cookie called one of `names` in a `Cookie` header, if not empty.
pub fn cookie_value<'a>(header: &'a str, names: &[&str]) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| names.contains(k))
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_non_ascii() {
        assert_eq!(encode_component("a b&c/臺"), "a%20b%26c%2F%E8%87%BA");
        assert_eq!(encode_component("2.16.886"), "2.16.886");
        assert_eq!(query_string(&[("q", "教育部"), ("x", "1")]), "q=%E6%95%99%E8%82%B2%E9%83%A8&x=1");
    }
}
