use leptos::prelude::*;

use super::{AccountMenu, LangSwitch};
use crate::i18n::{t, Msg};

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="bg-blue-900 text-white">
            <div class="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3 sm:px-6">
                <a href="/" rel="external" class="text-lg font-bold text-white no-underline hover:underline">
                    {t(Msg::SiteName)}
                </a>
                <nav aria-label=t(Msg::NavLabel) class="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                    <a href="/directory" class="text-white underline-offset-4 hover:underline">{t(Msg::NavDirectory)}</a>
                    <a href="/directory/tree" class="text-white underline-offset-4 hover:underline">{t(Msg::NavTree)}</a>
                    <AccountMenu/>
                    <LangSwitch/>
                </nav>
            </div>
        </header>
    }
}
