use leptos::prelude::*;

use super::SiteHeader;
use crate::i18n::{t, Msg};

/// The frame of every page: skip link, header, the main landmark and the footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        // `rel="external"`: the browser, not the router, must follow the fragment, so that focus
        // moves into the main landmark and the next Tab lands on its first control.
        <a href="#main" rel="external" class="skip-link">{t(Msg::SkipToContent)}</a>
        <SiteHeader/>
        <main id="main" tabindex="-1" class="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:px-6">
            {children()}
        </main>
        <footer class="border-t border-slate-200 bg-white">
            <div class="mx-auto max-w-5xl px-4 py-4 text-sm text-slate-600 sm:px-6">
                {t(Msg::FooterText)}
            </div>
        </footer>
    }
}
