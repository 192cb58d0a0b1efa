//! The window's size as the stylesheet sees it, for views drawn in the browser alone that
//! build only what the window can show. Each follows resizes, zoom and a phone turned on its
//! side. Outside a browser (a server render) there is no window: the answers are a computer's.

use leptos::prelude::*;

/// The stylesheet's `md:` breakpoint: a viewport this wide, scrollbar included, as
/// `window.innerWidth` counts it and `min-width` media queries do.
#[cfg(feature = "hydrate")]
const MD_PX: f64 = 768.0;

/// A tall computer window, where there is none to ask.
const TALL_PX: f64 = 1_370.0;

/// Whether the window is tablet-wide or wider.
pub fn wide_window() -> Signal<bool> {
    let wide = RwSignal::new(is_wide());
    on_resize(move || {
        let now = is_wide();
        // Resizes come many a second; only a crossing of the breakpoint redraws.
        if wide.get_untracked() != now {
            wide.set(now);
        }
    });
    wide.into()
}

/// The tallest the window has been, in CSS pixels (taller when maximized, zoomed out or turned
/// upright). It only grows, so that what is built for it is built again only when the window
/// outgrows it.
pub fn tallest_window() -> Signal<f64> {
    let tallest = RwSignal::new(height());
    on_resize(move || {
        let now = height();
        if now > tallest.get_untracked() {
            tallest.set(now);
        }
    });
    tallest.into()
}

/// Runs `f` on each resize of the window for as long as the current owner lives.
fn on_resize(f: impl Fn() + 'static) {
    #[cfg(feature = "hydrate")]
    {
        let listener = window_event_listener(leptos::ev::resize, move |_| f());
        on_cleanup(move || listener.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = f;
}

fn is_wide() -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).is_none_or(|w| w >= MD_PX)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}

fn height() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .filter(|h| *h > 0.0)
            .unwrap_or(TALL_PX)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        TALL_PX
    }
}
