use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{AnnouncementList, DirectoryLookup, ErrorNotice, Loading, PortalTiles},
    i18n::{t, Msg},
    light::{LightPage, PrefetchApp},
    server_fns::get_portal_home,
};

/// The home page, a light page (`crate::light`). Signed in, it leads with what the person came
/// for (`PortalTiles`), then the announcements, then the directory search; a guest gets the
/// search and 申請帳號 first.
#[component]
pub fn HomePage() -> impl IntoView {
    let page = use_query_map().with_untracked(|q| q.get("page").and_then(|p| p.parse::<usize>().ok()));
    let home = Resource::new(move || page, get_portal_home);
    view! {
        <LightPage>
            <Title text=t(Msg::SiteName)/>
            <section class="flex flex-col gap-6">
                <h1 class="text-2xl font-bold text-slate-900 sm:text-3xl">{t(Msg::HomeHeading)}</h1>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match home.await {
                            Ok(home) if home.signed_in => view! {
                                <PortalTiles waiting_reviews=home.waiting_reviews due=home.due subsystems=home.subsystems/>
                                <AnnouncementList announcements=home.announcements page=home.page pages=home.pages/>
                                <DirectoryLookup guest=false/>
                                <PrefetchApp/>
                            }.into_any(),
                            Ok(home) => view! {
                                <DirectoryLookup guest=true/>
                                <AnnouncementList announcements=home.announcements page=home.page pages=home.pages/>
                            }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> <DirectoryLookup guest=true/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </LightPage>
    }
}
