//! The browser entry point: hydrate the server-rendered page, nothing else. `hydrate_lazy`
//! first loads the wasm chunk of the page being shown (see `app::routes`).

use std::{cell::RefCell, panic::PanicHookInfo};

use wasm_bindgen::{closure::Closure, JsCast};

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    remember_link_clicks();
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if is_failed_chunk_load(info) {
            reload_once();
        }
    }));
    leptos::mount::hydrate_lazy(app::App);
}

/// The panic the split loader raises when a page's chunk cannot be fetched: after a new
/// release the old chunk names are gone, or the network dropped. (Leptos' lazy routes use the
/// loader's infallible form, which panics with this message.)
fn is_failed_chunk_load(info: &PanicHookInfo) -> bool {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    message.contains("load callback should succeed")
}

thread_local! {
    /// The link last followed inside the app, and when (ms since the epoch).
    static LAST_LINK: RefCell<Option<(String, f64)>> = const { RefCell::new(None) };
}

/// The router moves to a link's page only once its chunk has loaded, so when that load fails
/// the address bar still shows the old page; the link clicked says where the user was going.
fn remember_link_clicks() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let link = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(link) = link {
            LAST_LINK.with(|last| *last.borrow_mut() = Some((link.href(), js_sys::Date::now())));
        }
    });
    // Capture: seen before the router's own handler takes the click over.
    let _ = document.add_event_listener_with_callback_and_bool("click", listener.as_ref().unchecked_ref(), true);
    listener.forget();
}

const RELOADED_AT: &str = "gatehouse.chunk-reload";

/// A fresh copy of the page (or of the page the user was going to) names the chunks of the
/// build now served. Once per 30 seconds at most, so a chunk that cannot load at all leaves
/// the server-rendered page (whose forms and links still work) instead of reloading forever.
fn reload_once() {
    let Some(window) = web_sys::window() else { return };
    let storage = window.session_storage().ok().flatten();
    let now = js_sys::Date::now();
    let last =
        storage.as_ref().and_then(|s| s.get_item(RELOADED_AT).ok().flatten()).and_then(|v| v.parse::<f64>().ok());
    if last.is_some_and(|at| now - at < 30_000.0) {
        return;
    }
    if let Some(storage) = storage {
        let _ = storage.set_item(RELOADED_AT, &now.to_string());
    }
    let origin = window.location().origin().unwrap_or_default();
    let going_to = LAST_LINK
        .with(|last| last.borrow().clone())
        .filter(|(href, at)| now - at < 10_000.0 && href.starts_with(&origin));
    let _ = match going_to {
        Some((href, _)) => window.location().assign(&href),
        None => window.location().reload(),
    };
}
