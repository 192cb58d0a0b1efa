use leptos::prelude::*;
use leptos_meta::Title;

use super::portal_section::PortalSection;
use crate::{
    components::SearchBox,
    i18n::{t, Msg},
};

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=t(Msg::SiteName)/>
        <section class="flex flex-col gap-6">
            <div class="flex flex-col gap-2">
                <h1 class="text-2xl font-bold text-slate-900 sm:text-3xl">{t(Msg::HomeHeading)}</h1>
                <p class="text-slate-700">{t(Msg::HomeIntro)}</p>
            </div>
            <div class="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
                <SearchBox initial=String::new()/>
            </div>
            <div class="grid gap-4 sm:grid-cols-3">
                <a href="/directory" class="block rounded-lg border border-slate-200 bg-white p-4 no-underline hover:border-blue-700">
                    <h2 class="font-semibold text-blue-800">{t(Msg::NavDirectory)}</h2>
                    <p class="text-sm text-slate-700">{t(Msg::HomeDirectoryCard)}</p>
                </a>
                <a href="/directory/tree" class="block rounded-lg border border-slate-200 bg-white p-4 no-underline hover:border-blue-700">
                    <h2 class="font-semibold text-blue-800">{t(Msg::NavTree)}</h2>
                    <p class="text-sm text-slate-700">{t(Msg::HomeTreeCard)}</p>
                </a>
                <a href="/apply" class="block rounded-lg border border-slate-200 bg-white p-4 no-underline hover:border-blue-700">
                    <h2 class="font-semibold text-blue-800">{t(Msg::ApplyLink)}</h2>
                    <p class="text-sm text-slate-700">{t(Msg::HomeApplyCard)}</p>
                </a>
            </div>
            <PortalSection/>
        </section>
    }
}
