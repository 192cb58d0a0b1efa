//! The generated stylesheet, embedded in the server binary. See `build.rs`.

include!(concat!(env!("OUT_DIR"), "/style_hash.rs"));

pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/gatehouse.css"));

/// Where the pages link the stylesheet; the hash lets browsers cache it for good.
pub fn stylesheet_href() -> String {
    format!("/assets/gatehouse-{STYLE_HASH}.css")
}

#[cfg(test)]
mod tests {
    use super::STYLESHEET;

    /// Every class a component sets by a condition (`class:` and its name) is in the stylesheet:
    /// the scan once missed them all, and the grid's active cell lost its outline.
    #[test]
    fn classes_set_by_condition_are_generated() {
        fn sources(dir: &std::path::Path, into: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, into);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    into.push(std::fs::read_to_string(&path).expect("source"));
                }
            }
        }
        let mut texts = Vec::new();
        sources(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut texts);
        let mut names: Vec<String> = texts
            .iter()
            .flat_map(|t| t.split("class:").skip(1).filter_map(|rest| rest.split_once('=').map(|(n, _)| n.to_string())))
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .collect();
        names.sort();
        names.dedup();
        assert!(names.len() > 10, "{names:?}");
        let missing: Vec<&String> =
            names.iter().filter(|n| !STYLESHEET.contains(&format!(".{} ", n.replace(':', "\\:")))).collect();
        assert!(missing.is_empty(), "not in the stylesheet: {missing:?}");
    }
}
