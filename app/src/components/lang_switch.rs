use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    i18n::{t, use_locale, Locale, Msg},
    url::encode_component,
};

/// Links to the same page in the other language. A plain link to `/lang/{tag}`, which sets
/// the remembering cookie and comes back, so it works before and without the wasm;
/// `rel="external"` keeps the client-side router from treating it as one of its routes.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let current = use_locale();
    let location = use_location();
    let href = move |to: Locale| {
        // `search` comes with its `?` from the server but without it after client navigation.
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let back =
            if search.is_empty() { location.pathname.get() } else { format!("{}?{search}", location.pathname.get()) };
        format!("/lang/{}?back={}", to.tag(), encode_component(&back))
    };
    view! {
        <span class="flex items-center gap-2" role="group" aria-label=t(Msg::LangSwitchLabel)>
            {Locale::ALL
                .into_iter()
                .filter(move |l| *l != current)
                .map(|l| {
                    view! {
                        <a href=move || href(l) lang=l.tag() hreflang=l.tag() rel="external"
                            class="rounded border border-white/60 px-2 py-0.5 text-white hover:bg-white/10">
                            {l.endonym()}
                        </a>
                    }
                })
                .collect_view()}
        </span>
    }
}
