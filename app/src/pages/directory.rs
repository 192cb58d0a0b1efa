use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{ErrorNotice, Loading, OrgResultList, SearchBox},
    i18n::{t, Msg},
    server_fns::search_orgs,
};

/// 機關查詢: the search box and its results. The query lives in the URL (`?q=`), so a
/// search can be linked, and the page renders whole on the server for browsers without wasm.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(q, |q| async move {
        if q.trim().is_empty() {
            None
        } else {
            Some(search_orgs(q, None).await)
        }
    });
    view! {
        <Title text=t(Msg::NavDirectory)/>
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t(Msg::NavDirectory)}</h1>
        <div class="mb-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
            <SearchBox initial=query.with_untracked(|m| m.get("q")).unwrap_or_default() live=true/>
        </div>
        <section aria-labelledby="results-heading">
            <h2 id="results-heading" class="sr-only">{t(Msg::ResultsHeading)}</h2>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match results.await {
                        None => view! { <p class="text-slate-700">{t(Msg::SearchEmptyPrompt)}</p> }.into_any(),
                        Some(Ok(list)) if list.is_empty() => {
                            view! { <p role="status" class="text-slate-700">{t(Msg::NoResults)}</p> }.into_any()
                        }
                        Some(Ok(list)) => view! { <OrgResultList results=list/> }.into_any(),
                        Some(Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
