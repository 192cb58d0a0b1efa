use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{activity::ActivityTable, admin_accounts::AdminNav};
use crate::{
    accounts::ActivityEntry,
    components::{classes, Access, ErrorNotice, Loading, Protected},
    error::AppError,
    i18n::{t, Msg},
    permissions::Action,
    server_fns::admin_audit,
    url::query_string,
};

/// The central authority's audit search, with the same filter as a CSV download.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |k: &'static str| query.with(|m| m.get(k).unwrap_or_default());
    // Made here, not inside `Protected`: a server render may run `Protected`'s content more
    // than once, and a resource made there would be fetched each time.
    let entries =
        Resource::new(move || (param("username"), param("from"), param("to")), |(u, f, to)| admin_audit(u, f, to));
    view! {
        <Title text=t(Msg::AdminAuditTitle)/>
        <Protected access=Access::May(|_| Action::ReadAudit) render=move |_| view! { <Audit entries/> }.into_any()/>
    }
}

#[component]
fn Audit(entries: Resource<Result<Vec<ActivityEntry>, AppError>>) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-4">
            <AdminNav/>
            <h1 class=classes::H1>{t(Msg::AdminAuditTitle)}</h1>
            <AuditSearch entries page="/admin/audit" csv="/admin/audit.csv"/>
        </section>
    }
}

/// A search of audit records by username and date range, the same filter as a CSV download
/// (`csv`), and the records found: the central authority's 稽核紀錄, a main account's 收件紀錄.
#[component]
pub fn AuditSearch(
    entries: Resource<Result<Vec<ActivityEntry>, AppError>>,
    page: &'static str,
    csv: &'static str,
    /// Each record's detail in place of its address and device (收件紀錄).
    #[prop(optional)]
    details: bool,
) -> impl IntoView {
    let query = use_query_map();
    let param = move |k: &'static str| query.with(|m| m.get(k).unwrap_or_default());
    let csv = move || {
        format!(
            "{csv}?{}",
            query_string(&[("username", &param("username")), ("from", &param("from")), ("to", &param("to"))])
        )
    };
    let field = |id: &'static str, label: Msg, kind: &'static str| {
        view! {
            <div class="flex flex-col gap-1">
                <label for=id class="font-semibold">{t(label)}</label>
                <input id=id name=id type=kind value=move || param(id) class="min-h-11 rounded-md border border-slate-500 px-3 py-2"/>
            </div>
        }
    };
    view! {
        <form method="get" action=page class="flex flex-wrap items-end gap-3">
            {field("username", Msg::Username, "search")}
            {field("from", Msg::DateFrom, "date")}
            {field("to", Msg::DateTo, "date")}
            <button type="submit" class=classes::BUTTON>{t(Msg::SearchButton)}</button>
            <a href=csv rel="external" class=classes::SECONDARY_BUTTON download="">{t(Msg::ExportCsv)}</a>
        </form>
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(list) => view! { <ActivityTable entries=list show_username=true details/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
