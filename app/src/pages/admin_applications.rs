use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::admin_accounts::AdminNav;
use crate::{
    accounts::{ApplicationKind, ApplicationSummary, Role},
    components::{classes, Access, ErrorNotice, GrantQueue, Protected},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
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
    // Made here, not inside `Protected` (a server render may run its content more than once).
    let rows = Resource::new(kind, |kind| list_applications(kind.map(|k| k.as_str().to_string())));
    let decide = ServerAction::<DecideGrantRequest>::new();
    let grants = Resource::new(move || decide.version().get(), |_| list_grant_requests());
    view! {
        <Title text=t(Msg::ReviewTitle)/>
        <Protected access=Access::Reviewer render=move |viewer| {
            let central = viewer.role == Role::Central;
            // The central authority's first concern is organization admins.
            let shown = Signal::derive(move || kind().unwrap_or(if central { ApplicationKind::OrgAdmin } else { ApplicationKind::User }));
            view! { <Queue central shown rows/> <GrantQueue rows=grants decide/> }.into_any()
        }/>
    }
}

#[component]
fn Queue(
    central: bool,
    shown: Signal<ApplicationKind>,
    rows: Resource<Result<Vec<ApplicationSummary>, AppError>>,
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
        <section class="flex flex-col gap-4">
            {central.then(|| view! { <AdminNav/> })}
            <h1 class=classes::H1>{t(Msg::ReviewTitle)}</h1>
            {central.then(|| view! {
                <nav aria-label=t(Msg::ReviewKinds) class="flex flex-wrap gap-1 text-sm">
                    {tab(ApplicationKind::OrgAdmin)}
                    {tab(ApplicationKind::User)}
                </nav>
            })}
            <h2 class="text-xl font-bold">{t(Msg::ReviewApplications)}</h2>
            <Transition fallback=move || view! { <p>{t(Msg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.is_empty() => view! { <p class=classes::NOTICE>{t(Msg::ReviewEmpty)}</p> }.into_any(),
                        Ok(list) => {
                            let count = LocalText::new(Msg::ReviewCount).arg("count", list.len());
                            view! {
                                <p>{tr(&count)}</p>
                                <ul class="flex flex-col gap-3">
                                    {list.into_iter().map(|row| view! { <Item row/> }).collect_view()}
                                </ul>
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
        <li class=classes::CARD data-testid="application-row">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="text-lg font-semibold">{row.display_name.clone()}</p>
                <p class="font-mono text-sm">{row.username.clone()}</p>
            </div>
            <p class="text-sm">{row.org_name.clone()}" ("{row.org_code.clone()}")"{(!who.is_empty()).then(|| format!(" · {who}"))}</p>
            <p class="text-sm text-slate-700">{t(Msg::ReviewSubmittedAt)}" "{taipei_datetime(row.submitted_at)}</p>
            <a href=format!("/admin/applications/{}", row.id) class=format!("{} self-start no-underline", classes::BUTTON)>
                {t(Msg::ReviewOpen)}
            </a>
        </li>
    }
}
