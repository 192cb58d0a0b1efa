use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{classes, Access, ConsentGate, ErrorNotice, InventorySheet, InventoryWithoutGrid, Loading, Protected},
    error::AppError,
    i18n::{t, Msg},
    inventory::Sheet,
    server_fns::{get_inventory, subsystem_consent, SetConsent},
};

/// 資通系統資產清冊: the reader's organization's inventory, or `?org=ID` for the central
/// authority.
#[component]
pub fn InventoryPage() -> impl IntoView {
    let query = use_query_map();
    let org = Memo::new(move |_| query.with(|m| m.get("org").and_then(|v| v.parse::<i64>().ok())));
    // 同意授權 on the first visit: the sheet is read once it is given (the server refuses it
    // before), since `Loaded` is made only then.
    let give = ServerAction::<SetConsent>::new();
    let consent = Resource::new(move || give.version().get(), |_| subsystem_consent("assets".to_string()));
    view! {
        <Title text=t(Msg::InvTitle)/>
        <Protected access=Access::SignedIn render=move |_| view! {
            <ConsentGate consent give><Loaded org/></ConsentGate>
        }.into_any()/>
    }
}

/// The sheet, read by the browser rather than carried inside the page.
///
/// A sheet of 10,000 rows is about 0.8 MB of JSON. Inside the page it had to be rendered into
/// the HTML by the server, parsed with the HTML by the browser, and only then taken by the
/// wasm, one after the other (issue 14: 661–829 ms to a ready grid). Read here, the page is
/// small and quick, and the sheet's request starts as the page's answer arrives, in parallel
/// with the wasm's download and start: the preload below asks for exactly the URL
/// `get_inventory` then asks for, so the browser hands the answer over instead of asking again.
///
/// An effect reads it, not a resource: effects run only in the browser and after hydration, so
/// the server's page and the hydrated one both show the loading line (a local resource inside a
/// `Suspense` could resolve while the page hydrated, and the hydration then met the wrong HTML).
#[component]
fn Loaded(org: Memo<Option<i64>>) -> impl IntoView {
    // The sheet that came and is not yet shown: the view takes it, so that 10,000 rows are
    // never copied (a resource would hand each reader a clone).
    let arrived = RwSignal::new(None::<Result<Sheet, AppError>>);
    let reads = RwSignal::new(0u32);
    Effect::new(move |_| {
        let org = org.get();
        reads.track();
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            arrived.set(Some(get_inventory(org).await));
        });
    });
    let reload = Callback::new(move |_| reads.update(|n| *n += 1));
    // The preload is a header of the server's answer, not an element: nothing for hydration to
    // match, and a page reached by a link inside the app, whose sheet the effect reads at
    // once, starts none (an unused preload would answer the next read of its URL instead).
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let link = format!("<{}>; rel=preload; as=fetch; crossorigin", sheet_url(org.get_untracked()));
        if let Ok(link) = http::HeaderValue::from_str(&link) {
            response.insert_header(http::header::LINK, link);
        }
    }
    view! {
        {move || {
            arrived.track();
            match arrived.try_update_untracked(Option::take).flatten() {
                Some(Ok(sheet)) => view! { <InventorySheet sheet reload/> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                None => view! {
                    // As wide as the sheet that replaces it (`data-wide`), so the heading does not move.
                    <section class="flex flex-col gap-3" data-wide="">
                        <h1 class=classes::H1>{t(Msg::InvTitle)}</h1>
                        <div aria-busy="true" data-wasm-only=""><Loading status=true/></div>
                        <noscript><p class="font-semibold text-red-800">{t(Msg::InvNeedsScript)}</p></noscript>
                        // Where the grid cannot run: the sheet's files, by plain forms.
                        <InventoryWithoutGrid org=org.get_untracked()/>
                    </section>
                }.into_any(),
            }
        }}
    }
}

/// The URL the browser's `get_inventory(org_id)` asks for, to the character: a preload is
/// handed over only to a request for the same URL. server_fn writes the arguments as a query
/// (`org_id=42`), and gloo-net, which sends it, joins that query to its own (empty) one with an
/// `&` and drops a `?` with nothing after it. The browser test that counts the sheet's requests
/// fails if either changes.
#[cfg(feature = "ssr")]
fn sheet_url(org_id: Option<i64>) -> String {
    use crate::server_fns::GetInventory;
    use leptos::server_fn::ServerFn;
    match org_id {
        Some(id) => format!("{}?org_id={id}&", GetInventory::PATH),
        None => GetInventory::PATH.to_string(),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::sheet_url;

    #[test]
    fn the_preloaded_url_is_the_one_the_server_function_answers() {
        assert_eq!(sheet_url(None), "/api/fn/get_inventory");
        assert_eq!(sheet_url(Some(42)), "/api/fn/get_inventory?org_id=42&");
    }
}
