//! Light pages: rendered on the server and never hydrated, so they load no wasm. Their forms
//! are plain forms posting to server routes (`server/src/routes/light_forms.rs`), which answer
//! with a redirect, or with the page again: what was typed, and the error at its field
//! (`Posted`). What they need of a script (the CAPTCHA's proof of work, the passkey ceremony)
//! is a small plain script each (`app/scripts/`), served under a content-hashed name.

use leptos::prelude::*;

use crate::{components::Outcome, error::AppError};

/// The pages that load no wasm.
pub const PAGES: &[&str] = &[
    "/",
    "/sign-in",
    "/sign-in/verify",
    "/sign-in/reset-binding",
    "/forgot-password",
    "/forgot-password/reset",
    "/forgot-account",
    "/resend-link",
    "/who-administers",
];

/// Pages under these prefixes load no wasm either: `/org/{key}`, one organization.
pub const PREFIXES: &[&str] = &["/org/"];

/// Whether `path` is a light page.
pub fn is_light(path: &str) -> bool {
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    PAGES.contains(&path) || PREFIXES.iter().any(|p| path.starts_with(p))
}

/// A plain form's post that the server answers with its page again: which of the page's
/// forms it was, what was typed (never a secret), and why it was refused. A form of a hydrated
/// page posted where its wasm did not run comes back the same way
/// (`server/src/routes/light_forms/server_fns.rs`), its `form` empty: its component's
/// `ServerAction` carries the error, and `TextField` puts back what was typed and takes the
/// focus where the error is.
#[derive(Clone, Debug)]
pub struct Posted {
    pub form: &'static str,
    pub values: Vec<(String, String)>,
    pub error: AppError,
    /// The page's own address, when the answer comes from another (a server function's): the
    /// page puts it back in the address bar (`shell`), so that a reload reads the page and the
    /// next post comes from it.
    pub page: Option<String>,
}

impl Posted {
    pub fn new(form: &'static str, error: AppError) -> Posted {
        Posted { form, values: Vec::new(), error, page: None }
    }

    pub fn value(mut self, name: &str, value: String) -> Posted {
        self.values.push((name.to_string(), value));
        self
    }
}

/// Whether a field named `name` holds a secret, which a page that answers a post never sends
/// back (nor keeps in a log): passwords, the CAPTCHA's answer, a key's signed answer.
pub fn is_secret_field(name: &str) -> bool {
    ["password", "confirm", "captcha", "credential", "secret", "token"].iter().any(|s| name.contains(s))
}

/// What a plain form's post found, when the page that answers it shows it (the
/// administrators a lookup found): the page is the answer, with no address to redirect to.
#[derive(Clone, Debug)]
pub struct Answered<T>(pub T);

/// What the post this render answers found, if it found a `T`.
pub fn answered<T: Clone + Send + Sync + 'static>() -> Option<T> {
    use_context::<Answered<T>>().map(|Answered(found)| found)
}

/// What was typed into `name`, when this render answers a post; empty otherwise.
pub fn posted_value(name: &str) -> String {
    use_context::<Posted>()
        .and_then(|p| p.values.into_iter().find(|(n, _)| n == name).map(|(_, v)| v))
        .unwrap_or_default()
}

/// Whether this render answers a refused post (a light form's, or a server function's posted
/// without the wasm).
pub fn answers_refusal() -> bool {
    use_context::<Posted>().is_some()
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

/// A light page's own file: its two scripts, and the wasm of a few kilobytes in which the
/// CAPTCHA's script searches (built from `solver/` by `scripts/solver-wasm.sh`). Each is served
/// under a name that carries a hash of its content, so that it is cached for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asset {
    Captcha,
    CaptchaSolver,
    Passkey,
}

impl Asset {
    pub const ALL: [Asset; 3] = [Asset::Captcha, Asset::CaptchaSolver, Asset::Passkey];

    pub fn name(self) -> &'static str {
        match self {
            Asset::Captcha => "captcha",
            Asset::CaptchaSolver => "captcha-solver",
            Asset::Passkey => "passkey",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Asset::CaptchaSolver => "wasm",
            Asset::Captcha | Asset::Passkey => "js",
        }
    }

    #[cfg(feature = "ssr")]
    pub fn content_type(self) -> &'static str {
        match self {
            Asset::CaptchaSolver => "application/wasm",
            Asset::Captcha | Asset::Passkey => "text/javascript; charset=utf-8",
        }
    }

    #[cfg(feature = "ssr")]
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Asset::Captcha => include_bytes!("../scripts/captcha.js"),
            Asset::CaptchaSolver => include_bytes!("../scripts/captcha-solver.wasm"),
            Asset::Passkey => include_bytes!("../scripts/passkey.js"),
        }
    }

    /// `/light/{name}-{hash}.{extension}`, the hash being the first 48 bits of the content's
    /// SHA-256, hex.
    #[cfg(feature = "ssr")]
    pub fn path(self) -> &'static str {
        use sha2::{Digest, Sha256};
        static PATHS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        let paths = PATHS.get_or_init(|| {
            Asset::ALL
                .iter()
                .map(|a| {
                    let digest = Sha256::digest(a.bytes());
                    let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
                    format!("/light/{}-{hash}.{}", a.name(), a.extension())
                })
                .collect()
        });
        &paths[self as usize]
    }

    /// Where the browser finds it. Light pages are rendered on the server only; a hydrated
    /// page never shows these, so the browser's build needs no hash.
    pub fn href(self) -> String {
        #[cfg(feature = "ssr")]
        return self.path().to_string();
        #[cfg(not(feature = "ssr"))]
        format!("/light/{}.{}", self.name(), self.extension())
    }

    /// The asset served at `path`, if any.
    #[cfg(feature = "ssr")]
    pub fn at(path: &str) -> Option<Asset> {
        Asset::ALL.into_iter().find(|a| a.path() == path)
    }
}

/// A light page's script, run once the page is parsed.
#[component]
pub fn LightScript(script: Asset) -> impl IntoView {
    view! { <script defer src=script.href()></script> }
}

/// What is rendered inside a [`LightPage`], for a component that light and hydrated pages
/// share and that works otherwise on a light one (the CAPTCHA field).
#[derive(Clone, Copy, Debug)]
pub struct InLightPage;

/// What the browser's build has in place of a light page: should the router show one (a link
/// followed without a reload), the page loads again from the server, which renders it whole.
#[component]
pub fn LoadWhole() -> impl IntoView {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
}

/// Goes to `path` by a full page load, not the router: how a hydrated page leaves for a light
/// one, which the router does not draw. Does nothing on the server.
pub fn load_whole(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// A light page's content, rendered by the server alone (`routes.rs` keeps light pages out of
/// the wasm). Nothing in a light page may be kept by a cache: its CAPTCHA challenge is good
/// for one answer.
#[component]
pub fn LightPage(children: Children) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
    provide_context(InLightPage);
    view! {
        {children()}
        <script nonce=leptos::nonce::use_nonce() inner_html=ONE_SUBMISSION></script>
    }
}

/// One submission per form: a second tap while the first is on its way (a slow phone) may
/// send the form again (Chromium does, depending on timing), and the server would count a
/// code twice, or refuse the CAPTCHA answer the first one spent and show that instead of the
/// first one's answer. A form a script holds back (the CAPTCHA being solved) is marked only
/// when it goes; the mark goes after 15 s (a stopped load) and on a page restored from the
/// back-forward cache.
pub const ONE_SUBMISSION: &str = "document.addEventListener('submit', (e) => { const form = e.target; \
    if (form.dataset.sending) { e.preventDefault(); return; } if (e.defaultPrevented) return; \
    form.dataset.sending = 'true'; form.setAttribute('aria-busy', 'true'); \
    setTimeout(() => { delete form.dataset.sending; form.removeAttribute('aria-busy'); }, 15000); }); \
    addEventListener('pageshow', (e) => { if (e.persisted) for (const form of document.querySelectorAll('form[data-sending]')) \
    { delete form.dataset.sending; form.removeAttribute('aria-busy'); } });";

/// The challenge a light page's CAPTCHA carries in its markup, with how many seconds it
/// lasts, so that its script begins to solve at once instead of first asking for one (a
/// round trip less on a slow network). None outside a light page.
pub fn embedded_challenge() -> Option<(crate::accounts::CaptchaChallenge, i64)> {
    use_context::<InLightPage>()?;
    #[cfg(feature = "ssr")]
    {
        let state = crate::state::app_state().ok()?;
        Some((crate::auth::captcha::fresh(&state.settings), state.settings.captcha_seconds))
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// The app's own script and wasm, fetched while the browser is idle (`rel="prefetch"`) by a
/// light page after which a hydrated page is likely (the sign-in's code step, home signed
/// in): the next page then finds them in the cache, where their hashed names keep them for
/// good. Nothing is run. The links are added by a line of script only where WebAssembly
/// exists: a browser without it would fetch a quarter of a megabyte it cannot use.
#[component]
pub fn PrefetchApp() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        let files = crate::state::app_state().map(|s| app_files(&s.leptos_options)).unwrap_or_default();
        let list = serde_json::to_string(&files).unwrap_or_else(|_| "[]".into());
        let script = format!(
            "if (typeof WebAssembly === 'object') for (const href of {list}) {{ const link = document.createElement('link'); \
             link.rel = 'prefetch'; link.href = href; link.crossOrigin = 'anonymous'; document.head.append(link); }}"
        );
        (!files.is_empty()).then(|| view! { <script nonce=leptos::nonce::use_nonce() inner_html=script></script> })
    }
}

/// `/pkg/{name}.{hash}.js` and `.wasm`: the names `HydrationScripts` gives the app's files,
/// from the hashes cargo-leptos writes beside the server binary. None without hashing (a
/// build that names them plainly is not cached for good, so fetching early gains little).
#[cfg(feature = "ssr")]
fn app_files(options: &leptos::config::LeptosOptions) -> Vec<String> {
    static FILES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FILES
        .get_or_init(|| {
            let hashes = std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
                .filter(|_| options.hash_files)
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default();
            let hash = |kind: &str| {
                hashes.lines().find_map(|l| {
                    l.split_once(':').filter(|(k, _)| k.trim() == kind).map(|(_, h)| h.trim().to_string())
                })
            };
            let (name, pkg) = (&options.output_name, &options.site_pkg_dir);
            ["js", "wasm"]
                .into_iter()
                .filter_map(|kind| hash(kind).map(|h| format!("/{pkg}/{name}.{h}.{kind}")))
                .collect()
        })
        .clone()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// What the page's CAPTCHA script finds for each of `salts`, by its wasm search or by the
    /// browser's digest, run by Node (installed with the end-to-end tools,
    /// `scripts/ensure-tools.sh`).
    fn script_answers(by_wasm: bool, salts: &[&str], bits: u32, start: u64, step: u64) -> Vec<u64> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts");
        let salts = serde_json::to_string(salts).expect("json");
        let search = if by_wasm {
            "solveByWasm(module, salt, bits, start, step)"
        } else {
            "solveByDigest(salt, bits, start, step)"
        };
        let program = format!(
            "const {{ solveByDigest, solveByWasm }} = require('{dir}/captcha.js');
             const [bits, start, step] = [{bits}, {start}, {step}];
             (async () => {{
               const module = await WebAssembly.compile(require('fs').readFileSync('{dir}/captcha-solver.wasm'));
               const out = [];
               for (const salt of {salts}) out.push(await {search});
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
        for by_wasm in [true, false] {
            for (salt, n) in salts.iter().zip(script_answers(by_wasm, &salts, 10, 0, 1)) {
                assert_eq!(n, crate::accounts::solve(salt, 10), "{salt}, by wasm: {by_wasm}");
            }
            for (salt, n) in salts.iter().zip(script_answers(by_wasm, &salts, 12, 1, 3)) {
                assert!(crate::accounts::work_is_done(salt, 12, n), "{salt}: {n}, by wasm: {by_wasm}");
                assert_eq!(n % 3, 1);
            }
        }
    }

    #[test]
    fn the_assets_are_named_after_their_content() {
        for asset in Asset::ALL {
            assert_eq!(Asset::at(asset.path()), Some(asset));
            assert!(asset.path().starts_with(&format!("/light/{}-", asset.name())));
            assert!(asset.path().ends_with(&format!(".{}", asset.extension())));
            assert_eq!(asset.href(), asset.path());
        }
        assert_ne!(Asset::Captcha.path(), Asset::Passkey.path());
        assert!(Asset::CaptchaSolver.path().ends_with(".wasm"));
        assert!(Asset::CaptchaSolver.bytes().starts_with(b"\0asm"), "a wasm module");
        assert!(is_light("/sign-in") && is_light("/sign-in/") && is_light("/sign-in/verify") && is_light("/"));
        assert!(is_light("/org/2.16.886.101.20003") && is_light("/org/011601"));
        assert!(!is_light("/directory") && !is_light("/apply") && !is_light("/sign-in/bind") && !is_light("/org"));
    }
}
