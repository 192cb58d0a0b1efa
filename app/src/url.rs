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

/// The text of a form-encoded component (`%XX` escapes and `+` for a space, as
/// `application/x-www-form-urlencoded` writes them); `None` when an escape is broken or the
/// bytes are not UTF-8.
pub fn decode_form_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
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
    fn form_components_decode() {
        assert_eq!(decode_form_component("a%2Db%5Fc+d").as_deref(), Some("a-b_c d"));
        assert_eq!(decode_form_component(&encode_component("a b&c/臺")).as_deref(), Some("a b&c/臺"));
        assert_eq!(decode_form_component("bad%2"), None);
        assert_eq!(decode_form_component("%ff"), None);
    }

    #[test]
    fn encodes_reserved_and_non_ascii() {
        assert_eq!(encode_component("a b&c/臺"), "a%20b%26c%2F%E8%87%BA");
        assert_eq!(encode_component("2.16.886"), "2.16.886");
        assert_eq!(query_string(&[("q", "教育部"), ("x", "1")]), "q=%E6%95%99%E8%82%B2%E9%83%A8&x=1");
    }
}
