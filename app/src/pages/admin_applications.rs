use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::admin_accounts::AdminNav;
use crate::{
    accounts::{ApplicationKind, ApplicationSummary, Paged},
    components::{classes, Access, ErrorNotice, GrantQueue, ListSearch, Loading, PageLinks, Protected},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    permissions::{first_review_kind, review_scope, Action},
    server_fns::{list_applications, list_grant_requests, DecideGrantRequest},
    time::taipei_datetime,
};

/// 待審核列表: the applications waiting for the viewer. An organization admin reviews its own
/// organization's users; the central authority reviews organization admins (and may look at
/// users' applications too, for an organization whose admins are away).
#[component]
pub fn AdminApplicationsPage() -> impl IntoView {
    let query = use_query_map();
    let kind = move || query.with(|q| q.get("kind").and_then(|k| ApplicationKind::parse(&k)));
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse::<i64>().ok()));
    // Made here, not inside `Protected` (a server render may run its content more than once).
    let rows = Resource::new(move || (kind(), q(), page()), |(kind, q, page)| list_applications(kind, Some(q), page));
    let decide = ServerAction::<DecideGrantRequest>::new();
    let grants = Resource::new(move || decide.version().get(), |_| list_grant_requests());
    view! {
        <Title text=t(Msg::ReviewTitle)/>
        <Protected access=Access::May(|a| Action::ReviewApplication(a.org_id, first_review_kind(a))) render=move |viewer| {
            let central = review_scope(&viewer.actor, ApplicationKind::OrgAdmin).is_some();
            let first = first_review_kind(&viewer.actor);
            let shown = Signal::derive(move || kind().unwrap_or(first));
            view! { <Queue central shown q=Signal::derive(q) rows/> <GrantQueue rows=grants decide/> }.into_any()
        }/>
    }
}

#[component]
fn Queue(
    central: bool,
    shown: Signal<ApplicationKind>,
    q: Signal<String>,
    rows: Resource<Result<Paged<ApplicationSummary>, AppError>>,
) -> impl IntoView {
    let tab = move |kind: ApplicationKind| {
        let current = move || shown.get() == kind;
        view! {
            <a href=format!("/admin/applications?kind={}", kind.as_str()) aria-current=move || current().then_some("page")
                class="rounded-md px-3 py-2 font-semibold text-blue-900 no-underline hover:bg-blue-50" class:bg-blue-100=current>
                {t(kind.label())}
            </a>
        }
    };
    view! {
        <section class="mb-8 flex flex-col gap-4">
            {central.then(|| view! { <AdminNav/> })}
            <h1 class=classes::H1>{t(Msg::ReviewTitle)}</h1>
            {central.then(|| view! {
                <nav aria-label=t(Msg::ReviewKinds) class="flex flex-wrap gap-1 text-sm">
                    {tab(ApplicationKind::OrgAdmin)}
                    {tab(ApplicationKind::User)}
                </nav>
            })}
            <h2 class="text-xl font-bold">{t(Msg::ReviewApplications)}</h2>
            <ListSearch action="/admin/applications" label=Msg::ReviewSearch q keep=vec![("kind", Signal::derive(move || shown.get().as_str().to_string()))]/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.total == 0 => {
                            // A search that found nothing is not an empty list.
                            let msg = if q.get_untracked().trim().is_empty() { Msg::ReviewEmpty } else { Msg::ReviewNoMatch };
                            view! { <p class=classes::NOTICE>{t(msg)}</p> }.into_any()
                        }
                        Ok(list) => {
                            let count = LocalText::new(Msg::ReviewCount).arg("count", list.total);
                            let href = format!("/admin/applications?kind={}&q={}", shown.get_untracked().as_str(), crate::url::encode_component(&q.get_untracked()));
                            let (page, pages) = (list.page, list.pages());
                            view! {
                                <p data-testid="review-count">{tr(&count)}</p>
                                <ul class="flex flex-col gap-2">
                                    {list.rows.into_iter().map(|row| view! { <Item row/> }).collect_view()}
                                </ul>
                                <PageLinks href page pages/>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Item(row: ApplicationSummary) -> impl IntoView {
    let who =
        [row.unit.clone(), row.title.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
    view! {
        // One line of text each and the button beside them from the small breakpoint up, so
        // that a page of 20 fits in a few screens.
        <li class="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between"
            data-testid="application-row">
            <div class="flex min-w-0 flex-col gap-1">
                <p>
                    <span class="text-lg font-semibold">{row.display_name.clone()}</span>" "
                    <span class="font-mono text-sm">{row.username.clone()}</span>
                </p>
                <p class="text-sm">{row.org_name.clone()}" ("{row.org_code.clone()}")"{(!who.is_empty()).then(|| format!(" · {who}"))}</p>
                <p class="text-sm text-slate-700">{t(Msg::ReviewSubmittedAt)}" "{taipei_datetime(row.submitted_at)}</p>
            </div>
            <a href=format!("/admin/applications/{}", row.id) class=format!("{} shrink-0 self-start no-underline sm:self-center", classes::BUTTON)>
                {t(Msg::ReviewOpen)}<span class="sr-only">" "{row.display_name.clone()}" "{row.username.clone()}</span>
            </a>
        </li>
    }
}
