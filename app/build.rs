//! Generates two things at build time so that neither costs anything at run time:
//! - the typed message catalogue (`Msg`) from `locales/*.toml`, failing the build when the
//!   locales disagree on keys or placeholders;
//! - for the server build only, the stylesheet: `style/base.css` followed by the utility
//!   classes that encre-css finds in `app/src`, with a content hash for cache busting.

use std::{collections::BTreeSet, env, fs, path::Path};

const LOCALES: [(&str, &str); 2] = [("ZH_TW", "zh-TW"), ("EN", "en")];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=locales");
    write_messages(Path::new(&out));
    if env::var_os("CARGO_FEATURE_SSR").is_some() {
        println!("cargo:rerun-if-changed=src");
        println!("cargo:rerun-if-changed=../style");
        write_stylesheet(Path::new(&out));
    }
}

fn parse_locale(name: &str) -> Vec<(String, String)> {
    let path = format!("locales/{name}.toml");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once('=').unwrap_or_else(|| panic!("{path}:{}: expected key = \"text\"", i + 1));
        let key = key.trim();
        let value = value.trim();
        assert!(
            key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{path}:{}: keys are snake_case ASCII",
            i + 1
        );
        assert!(
            value.len() >= 2 && value.starts_with('"') && value.ends_with('"'),
            "{path}:{}: the text must be in double quotes",
            i + 1
        );
        entries.push((key.to_string(), unescape(&value[1..value.len() - 1])));
    }
    entries
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(p, _)| p.to_string())).collect()
}

fn camel(key: &str) -> String {
    key.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn write_messages(out: &Path) {
    let catalogues: Vec<_> = LOCALES.iter().map(|(_, name)| parse_locale(name)).collect();
    let keys: Vec<&String> = catalogues[0].iter().map(|(k, _)| k).collect();
    let mut seen = BTreeSet::new();
    for k in &keys {
        assert!(seen.insert(*k), "locales/zh-TW.toml: duplicate key {k}");
    }
    for (i, cat) in catalogues.iter().enumerate().skip(1) {
        let other: Vec<&String> = cat.iter().map(|(k, _)| k).collect();
        assert!(
            other == keys,
            "locales/{}.toml must list exactly the keys of zh-TW.toml, in the same order",
            LOCALES[i].1
        );
        for ((k, a), (_, b)) in catalogues[0].iter().zip(cat) {
            assert!(
                placeholders(a) == placeholders(b),
                "locales/{}.toml: `{k}` has other placeholders than zh-TW",
                LOCALES[i].1
            );
        }
    }
    let mut code = String::from(
        "/// Every user-facing text, by key. Generated from `app/locales/*.toml`.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n\
         pub enum Msg {\n",
    );
    for k in &keys {
        code += &format!("    {},\n", camel(k));
    }
    code += "}\n\n";
    // On the wire a message is its variant's name, as serde's derive would write it. The derive's
    // visitor is a match over every name, copied once per format that reads it: some 70 KB of
    // the wasm every page loads. One table of names, searched, serves every format.
    code += &format!("static MSG_NAMES: [(&str, Msg); {}] = [\n", keys.len());
    for k in &keys {
        code += &format!("    ({:?}, Msg::{}),\n", camel(k), camel(k));
    }
    code += "];\n\n";
    code += "impl serde::Serialize for Msg {\n    \
             fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n        \
             serializer.serialize_str(MSG_NAMES[*self as usize].0)\n    }\n}\n\n";
    code += "impl<'de> serde::Deserialize<'de> for Msg {\n    \
             fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {\n        \
             let name = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;\n        \
             MSG_NAMES.iter().find(|(n, _)| *n == name).map(|(_, msg)| *msg)\n            \
             .ok_or_else(|| serde::de::Error::unknown_variant(&name, &[]))\n    }\n}\n\n";
    for ((konst, _), cat) in LOCALES.iter().zip(&catalogues) {
        code += &format!("static {konst}: [&str; {}] = [\n", keys.len());
        for (_, v) in cat {
            code += &format!("    {v:?},\n");
        }
        code += "];\n\n";
    }
    code += "impl Msg {\n    /// The raw text in `locale`, placeholders left in.\n    \
             pub fn raw(self, locale: crate::i18n::Locale) -> &'static str {\n        \
             match locale {\n            crate::i18n::Locale::ZhTw => ZH_TW[self as usize],\n            \
             crate::i18n::Locale::En => EN[self as usize],\n        }\n    }\n}\n";
    fs::write(out.join("messages.rs"), code).expect("write messages.rs");
}

fn collect_sources(dir: &Path, into: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir).expect("read app/src").flatten().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect_sources(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            // `class:outline-2=…` reads to the scanner as one unknown word, so the class it
            // sets would be left out (the grid's active-cell outline was): the name is set
            // apart first.
            into.push(fs::read_to_string(&path).expect("read source").replace("class:", "class ").replace('=', " = "));
        }
    }
}

fn write_stylesheet(out: &Path) {
    let mut sources = Vec::new();
    collect_sources(Path::new("src"), &mut sources);
    let config = encre_css::Config::default();
    let utilities = encre_css::generate(sources.iter().map(String::as_str), &config);
    let base = fs::read_to_string("../style/base.css").expect("read style/base.css");
    let css = format!("{utilities}\n{base}");
    // FNV-1a: stable across builds and platforms, enough to bust caches.
    let hash = css.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    fs::write(out.join("gatehouse.css"), css).expect("write css");
    fs::write(
        out.join("style_hash.rs"),
        format!("/// Content hash of the stylesheet.\npub const STYLE_HASH: &str = \"{:012x}\";\n", hash >> 16),
    )
    .expect("write style hash");
}
