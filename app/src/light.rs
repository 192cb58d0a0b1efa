//! Light pages: rendered on the server and never hydrated, so they load no wasm. Their forms
//! are plain forms posting to server routes (`server/src/routes/light_forms.rs`), which answer
//! with a redirect, or with the page again: what was typed, and the error at its field
//! (`Posted`). What they need of a script (the CAPTCHA's proof of work, the passkey ceremony)
//! is a small plain script each (`app/scripts/`), served under a content-hashed name.

use leptos::prelude::*;

use crate::{components::Outcome, error::AppError};

/// The pages that load no wasm.
pub const PAGES: &[&str] = &["/sign-in", "/sign-in/verify"];

/// Whether `path` is a light page.
pub fn is_light(path: &str) -> bool {
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    PAGES.contains(&path)
}

/// A plain form's post that the server answers with its page again: which of the page's
/// forms it was, what was typed (never a secret), and why it was refused.
#[derive(Clone, Debug)]
pub struct Posted {
    pub form: &'static str,
    pub values: Vec<(&'static str, String)>,
    pub error: AppError,
}

impl Posted {
    pub fn new(form: &'static str, error: AppError) -> Posted {
        Posted { form, values: Vec::new(), error }
    }

    pub fn value(mut self, name: &'static str, value: String) -> Posted {
        self.values.push((name, value));
        self
    }
}

/// What was typed into `name`, when this render answers a post; empty otherwise.
pub fn posted_value(name: &str) -> String {
    use_context::<Posted>()
        .and_then(|p| p.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()))
        .unwrap_or_default()
}

/// The outcome the page's `form` shows: the error of the post this render answers, if that
/// form sent it. The same shape as a server action's value, so `field_error` and `FormAlert`
/// read it alike.
pub fn posted_outcome<T: Send + Sync + 'static>(form: &'static str) -> Outcome<T> {
    let error = use_context::<Posted>().filter(|p| p.form == form).map(|p| Err(p.error));
    MappedSignal::new(RwSignal::new(error), |v| v, |v| v)
}

/// The first of `fields` that the error of the post this render answers names, if `form`
/// sent it: where the focus goes.
pub fn error_field(form: &'static str, fields: &[&'static str]) -> Option<&'static str> {
    use_context::<Posted>().filter(|p| p.form == form).and_then(|p| match p.error {
        AppError::Invalid { field, .. } => fields.iter().copied().find(|f| *f == field.as_str()),
        _ => None,
    })
}

/// The small scripts of light pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Captcha,
    Passkey,
}

impl Script {
    pub const ALL: [Script; 2] = [Script::Captcha, Script::Passkey];

    pub fn name(self) -> &'static str {
        match self {
            Script::Captcha => "captcha",
            Script::Passkey => "passkey",
        }
    }

    #[cfg(feature = "ssr")]
    pub fn source(self) -> &'static str {
        match self {
            Script::Captcha => include_str!("../scripts/captcha.js"),
            Script::Passkey => include_str!("../scripts/passkey.js"),
        }
    }

    /// `/light/{name}-{hash}.js`: named after its content, so that it is cached for good.
    #[cfg(feature = "ssr")]
    pub fn path(self) -> &'static str {
        use sha2::{Digest, Sha256};
        static PATHS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        let paths = PATHS.get_or_init(|| {
            Script::ALL
                .iter()
                .map(|s| {
                    let digest = Sha256::digest(s.source().as_bytes());
                    let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
                    format!("/light/{}-{hash}.js", s.name())
                })
                .collect()
        });
        &paths[self as usize]
    }

    /// The script whose `path` is `path`.
    #[cfg(feature = "ssr")]
    pub fn at(path: &str) -> Option<Script> {
        Script::ALL.into_iter().find(|s| s.path() == path)
    }
}

/// `<script defer src=…>` for `script`. Light pages are only ever rendered on the server; a
/// render in the browser (reached by the router from a hydrated page) reloads the page whole
/// instead (`LightPage`).
#[component]
pub fn LightScript(script: Script) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let src = script.path().to_string();
    #[cfg(not(feature = "ssr"))]
    let src = format!("/light/{}.js", script.name());
    view! { <script defer src=src></script> }
}

/// Wraps a light page. Rendered in the browser, it was reached by the router from a hydrated
/// page: the page is loaded whole from the server instead, as a light page is meant to be.
#[component]
pub fn LightPage(children: Children) -> impl IntoView {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    children()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// `solve` of the page's CAPTCHA script, run by Node (installed with the end-to-end tools,
    /// `scripts/ensure-tools.sh`) on `salts`: its answers.
    fn script_answers(salts: &[&str], bits: u32, start: u64, step: u64) -> Vec<u64> {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/captcha.js");
        let salts = serde_json::to_string(salts).expect("json");
        let program = format!(
            "const {{ solve }} = require({script:?});
             (async () => {{
               const out = [];
               for (const salt of {salts}) out.push(await solve(salt, {bits}, {start}, {step}));
               console.log(JSON.stringify(out));
             }})();"
        );
        let run = std::process::Command::new("node").arg("-e").arg(program).output().expect("node runs");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        serde_json::from_slice(&run.stdout).expect("the answers as JSON")
    }

    #[test]
    fn the_captcha_script_and_rust_agree() {
        let salts = ["9f86d081884c7d65", "00000000000000000000000000000000", "a", "機關"];
        // Searching one number after another, the script finds Rust's answer: the smallest.
        let found = script_answers(&salts, 10, 0, 1);
        for (salt, n) in salts.iter().zip(&found) {
            assert_eq!(*n, crate::accounts::solve(salt, 10), "{salt}");
        }
        // Split between workers (every third number from 1), each answer does the work for
        // the server's check, and is one of that worker's numbers.
        for (salt, n) in salts.iter().zip(script_answers(&salts, 12, 1, 3)) {
            assert!(crate::accounts::work_is_done(salt, 12, n), "{salt}: {n}");
            assert_eq!(n % 3, 1);
        }
    }

    #[test]
    fn the_scripts_are_named_after_their_content() {
        for script in Script::ALL {
            assert_eq!(Script::at(script.path()), Some(script));
            assert!(script.path().starts_with(&format!("/light/{}-", script.name())));
            assert!(script.path().ends_with(".js"));
        }
        assert_ne!(Script::Captcha.path(), Script::Passkey.path());
        assert!(is_light("/sign-in") && is_light("/sign-in/") && is_light("/sign-in/verify") && !is_light("/"));
    }
}
