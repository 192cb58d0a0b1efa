use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::{app::detect_locale, App};

/// The HTML document around the app, rendered on the server only. `stylesheet` is the
/// content-hashed URL of the generated CSS.
pub fn shell(options: LeptosOptions, stylesheet: String) -> impl IntoView {
    let lang = detect_locale().tag();
    // A light page (`crate::light`) is the HTML alone: no wasm, no hydration.
    let light = use_context::<http::request::Parts>().is_some_and(|p| crate::light::is_light(p.uri.path()));
    // The page again after a refused post to a server function, which only a browser whose
    // wasm was not running sends: it is not hydrated either, its markup carrying what was
    // typed, which the app's first render would not.
    let answers_function = use_context::<crate::light::Posted>().is_some_and(|p| p.page.is_some());
    #[cfg(feature = "ssr")]
    crate::csp::send(&options);
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="data:,"/>
                <AutoReload options=options.clone()/>
                {(!light).then(|| view! {
                    <WithoutWasm always=answers_function/>
                    {(!answers_function).then(|| view! { <HydrationScripts options/> })}
                })}
                <PageAddress/>
                <MetaTags/>
            </head>
            <body class="flex min-h-screen flex-col bg-slate-50 text-slate-900" data-light=light.then_some("true")>
                <App/>
            </body>
        </html>
    }
}

/// Where the browser runs no WebAssembly (its JIT off), a hydrated page stays the server's
/// HTML: its forms post as plain forms (`server/src/routes/light_forms/server_fns.rs` answers
/// them), the CAPTCHA is solved by the light pages' script, and the app's loader, which cannot
/// start, fails quietly instead of as an error. `html[data-nowasm]` says so to styles and
/// tests; where WebAssembly exists, `html[data-wasm]` hides what is offered in its stead
/// (`[data-nowasm-only]`), and nothing else of this runs, unless `always` (a page that is not
/// hydrated in any browser).
#[component]
fn WithoutWasm(always: bool) -> impl IntoView {
    let captcha = crate::light::Asset::Captcha.href();
    let condition = if always { "true" } else { "typeof WebAssembly !== 'object'" };
    let once = crate::light::ONE_SUBMISSION;
    let script = format!(
        "if ({condition}) {{ document.documentElement.dataset.nowasm = 'true'; {once} \
         addEventListener('unhandledrejection', (e) => {{ if (e.reason instanceof ReferenceError && /WebAssembly/.test(e.reason.message)) e.preventDefault(); }}); \
         addEventListener('DOMContentLoaded', () => {{ if (!document.querySelector('[data-captcha]')) return; \
         const s = document.createElement('script'); s.src = {captcha:?}; document.head.append(s); }}); }} \
         else document.documentElement.dataset.wasm = 'true';"
    );
    view! { <script nonce=leptos::nonce::use_nonce() inner_html=script></script> }
}

/// A page that answers a refused post to a server function is shown at the function's
/// address: this puts the page's own back (`crate::light::Posted::page`).
#[component]
fn PageAddress() -> impl IntoView {
    let page = use_context::<crate::light::Posted>().and_then(|p| p.page)?;
    let script = format!("history.replaceState(null, '', {page:?});").replace('<', "\\u003c");
    Some(view! { <script nonce=leptos::nonce::use_nonce() inner_html=script></script> })
}
