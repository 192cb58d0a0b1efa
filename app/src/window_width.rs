//! The window's width as the stylesheet's breakpoints see it, for views drawn in the browser
//! alone that build only what the window shows.

use leptos::prelude::*;

/// The stylesheet's `md:` breakpoint: a viewport this wide, scrollbar included, as
/// `window.innerWidth` counts it and `min-width` media queries do.
#[cfg(feature = "hydrate")]
const MD_PX: f64 = 768.0;

/// Whether the window is tablet-wide or wider, following resizes and a phone turned on its
/// side. Outside a browser (a server render) there is no window, and the answer is wide.
pub fn wide_window() -> Signal<bool> {
    let wide = RwSignal::new(is_wide());
    #[cfg(feature = "hydrate")]
    {
        let listener = window_event_listener(leptos::ev::resize, move |_| {
            let now = is_wide();
            // Resizes come many a second; only a crossing of the breakpoint redraws.
            if wide.get_untracked() != now {
                wide.set(now);
            }
        });
        on_cleanup(move || listener.remove());
    }
    wide.into()
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
