//! The layers run one way (DESIGN.md): shared pure code (itself in layers: words, the error,
//! the domain rules, accounts, permissions) → db → auth (the server's account machinery:
//! settings, hashing, keys, codes) → state → flows → server functions → components → pages.
//! This reads every source file and fails on an import that goes up.

use std::{collections::BTreeSet, fs, path::Path};

/// Each top-level module and its layer; a module may use its own layer and those below.
const LAYERS: &[(&str, u8)] = &[
    // Shared pure code, itself in layers: words and addresses first, then the error that
    // carries them, then the domain rules, the accounts that use them, the permissions
    // that decide on accounts.
    ("time", 0),
    ("url", 0),
    ("style", 0),
    ("csp", 0),
    ("i18n", 1),
    ("error", 2),
    ("oid", 2),
    ("password", 3),
    ("directory", 3),
    ("inventory", 3),
    ("browser_keys", 3),
    ("upload", 3),
    ("provider", 3),
    ("accounts", 4),
    ("permissions", 5),
    // The server's machinery and what stands on it.
    ("db", 6),
    ("auth", 7),
    ("state", 8),
    ("flows", 9),
    ("server_fns", 10),
    ("components", 11),
    // Light pages' machinery: what a post answered with its page shows, their scripts.
    ("light", 11),
    ("pages", 12),
    ("app", 12),
    ("routes", 12),
    ("shell", 12),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The top-level modules a source text names after `crate::`, in paths and in `use` trees.
fn used_modules(text: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(tree) = rest.strip_prefix('{') {
            // `crate::{a::b, c::{d, e}, f}`: the names at depth one.
            let mut depth = 1;
            let mut name = String::new();
            let mut at_start = true;
            for c in tree.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => at_start = true,
                    c if depth == 1 && at_start && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if depth == 1 && at_start && !name.is_empty() => {
                        used.insert(std::mem::take(&mut name));
                        at_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            used.insert(name);
        }
    }
    used
}

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), fs::read_to_string(&path).unwrap_or_default()));
        }
    }
}

#[test]
fn no_module_uses_a_higher_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut upward = Vec::new();
    for (path, text) in &files {
        let relative = path.trim_start_matches(&root.display().to_string()).trim_start_matches('/');
        let top = relative.split(['/', '.']).next().unwrap_or("");
        let Some(own) = layer(top) else { continue };
        // Comments may name any module; code may not use one above its own layer.
        let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        for used in used_modules(&code) {
            if let Some(theirs) = layer(&used) {
                if theirs > own {
                    upward.push(format!("{relative} ({top}) uses {used}"));
                }
            }
        }
    }
    assert!(upward.is_empty(), "imports that go up a layer:\n{}", upward.join("\n"));
    assert!(files.len() > 100, "the sources were read");
}

#[test]
fn the_parser_sees_use_trees() {
    let text = "use crate::{\n    accounts::{A, B},\n    db::{x, y},\n    flows::session,\n};\nlet x = crate::state::app_state();";
    let used: Vec<String> = used_modules(text).into_iter().collect();
    assert_eq!(used, ["accounts", "db", "flows", "state"]);
}
