use leptos::prelude::*;

/// Marks `<body data-hydrated="true">` once the page around it is live. It sits inside each
/// page (app/src/routes.rs), not in the shell: with the split wasm the shell hydrates first and
/// the page's chunk after, and a field typed into before its page is live would lose its text.
/// Effects run only in the browser, after hydration; tests and styles wait for the mark.
#[component]
pub fn HydratedMark() -> impl IntoView {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
