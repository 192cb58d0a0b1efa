use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{Access, ConsentGate, ErrorNotice, InventorySheet, Protected},
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
    let org = move || query.with(|m| m.get("org").and_then(|v| v.parse::<i64>().ok()));
    // Made here, not inside `Protected`: a server render may run `Protected`'s content more
    // than once, and a resource made there would be fetched each time.
    // 同意授權 on the first visit: the sheet shows once it is given, read again then (the
    // server refuses it before).
    let give = ServerAction::<SetConsent>::new();
    let sheet = Resource::new(move || (org(), give.version().get()), |(org, _)| get_inventory(org));
    let consent = Resource::new(move || give.version().get(), |_| subsystem_consent("assets".to_string()));
    view! {
        <Title text=t(Msg::InvTitle)/>
        <Protected access=Access::SignedIn render=move |_| view! {
            <ConsentGate consent give><Loaded sheet/></ConsentGate>
        }.into_any()/>
    }
}

#[component]
fn Loaded(sheet: Resource<Result<Sheet, AppError>>) -> impl IntoView {
    let reload = Callback::new(move |_| sheet.refetch());
    view! {
        <Suspense fallback=move || view! { <p>{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match sheet.await {
                    Ok(sheet) => view! { <InventorySheet sheet reload/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
