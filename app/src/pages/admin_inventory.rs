use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::admin_accounts::AdminNav;
use crate::{
    components::{classes, field_error, Access, ErrorNotice, FormAlert, Loading, Protected, TextField},
    error::AppError,
    i18n::{t, use_locale, LocalText, Msg},
    inventory::{DashboardEntry, Period},
    permissions::Action,
    server_fns::{inventory_dashboard, list_periods, OpenPeriod, ReopenSubmission},
    time::{taipei_date, taipei_datetime},
};

/// The central authority's 提報 overview: reporting periods, who has submitted with counts
/// and figures, 退回 (reopen), and the export of every submission.
#[component]
pub fn AdminInventoryPage() -> impl IntoView {
    let query = use_query_map();
    let period_id = move || query.with(|m| m.get("period").and_then(|v| v.parse::<i64>().ok()));
    let open = ServerAction::<OpenPeriod>::new();
    let reopen = ServerAction::<ReopenSubmission>::new();
    // Made here, not inside `Protected`: a server render may run `Protected`'s content more
    // than once, and a resource made there would be fetched each time.
    let periods = Resource::new(move || open.version().get(), |_| list_periods());
    let board = Resource::new(
        move || (period_id(), open.version().get(), reopen.version().get()),
        |(id, _, _)| inventory_dashboard(id),
    );
    view! {
        <Title text=t(Msg::InvAdminTitle)/>
        <Protected access=Access::May(|_| Action::ManageReporting) render=move |_| view! { <Overview open reopen periods board/> }.into_any()/>
    }
}

type Board = Result<(Option<Period>, Vec<DashboardEntry>), AppError>;

#[component]
fn Overview(
    open: ServerAction<OpenPeriod>,
    reopen: ServerAction<ReopenSubmission>,
    periods: Resource<Result<Vec<Period>, AppError>>,
    board: Resource<Board>,
) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-4">
            <AdminNav/>
            <h1 class=classes::H1>{t(Msg::InvAdminTitle)}</h1>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match periods.await {
                        Ok(list) => view! { <PeriodList list/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
            <NewPeriod open/>
            <FormAlert outcome=reopen.value() fields=&[]/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok((Some(period), entries)) => view! { <Dashboard period entries reopen/> }.into_any(),
                        Ok((None, _)) => view! { <p>{t(Msg::InvNoPeriods)}</p> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PeriodList(list: Vec<Period>) -> impl IntoView {
    (!list.is_empty()).then(|| {
        view! {
            <nav aria-label=t(Msg::InvPeriods) class="flex flex-wrap gap-3 text-sm">
                {list.into_iter().map(|p| view! {
                    <a href=format!("/admin/inventory?period={}", p.id)>
                        {format!("{}（{} – {}）", p.title, taipei_date(p.opens_at), taipei_date(p.closes_at - 1))}
                    </a>
                }).collect_view()}
            </nav>
        }
    })
}

#[component]
fn NewPeriod(open: ServerAction<OpenPeriod>) -> impl IntoView {
    let outcome = open.value();
    let (title, first, last) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    view! {
        // Not a flex box: a closed <details> would keep the gap below its summary.
        <details class="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
            <summary class="cursor-pointer font-semibold">{t(Msg::InvNewPeriod)}</summary>
            <ActionForm action=open attr:class="mt-4 flex flex-wrap items-end gap-3" attr:novalidate=true>
                <TextField id="title" name="title" label=Msg::InvPeriodTitle value=title error=field_error(outcome, "title") required=true/>
                <TextField id="first_day" name="first_day" label=Msg::DateFrom value=first input_type="date" error=field_error(outcome, "first_day") required=true/>
                <TextField id="last_day" name="last_day" label=Msg::DateTo value=last input_type="date" error=field_error(outcome, "last_day") required=true/>
                <button type="submit" class=classes::BUTTON disabled=move || open.pending().get()>{t(Msg::InvOpenPeriod)}</button>
                <FormAlert outcome fields=&["title", "first_day", "last_day"]/>
            </ActionForm>
        </details>
    }
}

#[component]
fn Dashboard(period: Period, entries: Vec<DashboardEntry>, reopen: ServerAction<ReopenSubmission>) -> impl IntoView {
    let locale = use_locale();
    let submitted = entries.iter().filter(|e| e.submission.is_some()).count();
    // Figures and dates stay on one line; on a phone the box scrolls sideways instead of
    // breaking them a character a line. Only the organization's name wraps.
    let th = "whitespace-nowrap border-b border-slate-300 px-2 py-2 text-left";
    let td = "whitespace-nowrap border-b border-slate-200 px-2 py-2 align-top";
    view! {
        <h2 class="text-xl font-bold">{period.title.clone()}</h2>
        <p data-testid="dashboard-summary">
            {LocalText::new(Msg::InvSubmittedCount).arg("submitted", submitted).arg("total", entries.len()).render(locale)}
            " "
            <a href=format!("/admin/inventory/export.xlsx?period_id={}", period.id) rel="external" download>{t(Msg::InvExportAll)}</a>
        </p>
        <div class=classes::SCROLL_BOX tabindex="0" role="region" aria-label=t(Msg::InvAdminTitle)>
            <table class="w-full text-sm" data-testid="dashboard">
                <caption class="sr-only">{t(Msg::InvAdminTitle)}</caption>
                <thead class="bg-slate-100">
                    <tr>
                        <th scope="col" class=th>{t(Msg::InvOrg)}</th>
                        <th scope="col" class=th>{t(Msg::InvSubmittedColumn)}</th>
                        <th scope="col" class=th>{t(Msg::InvRowsColumn)}</th>
                        <th scope="col" class=th>{t(Msg::InvColProtectionLevel)}" 普/中/高/其他"</th>
                        <th scope="col" class=th>{t(Msg::InvColBaseline)}" 符合/部分/不符/不適用"</th>
                        <th scope="col" class=th><span class="sr-only">{t(Msg::InvActions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|e| {
                        let figures = e.submission.as_ref().map(|s| s.figures.clone());
                        let join = |v: [i64; 4]| v.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" / ");
                        view! {
                            <tr data-testid="dashboard-row">
                                <th scope="row" class="min-w-[10rem] border-b border-slate-200 px-2 py-2 text-left align-top font-normal">
                                    <a href=format!("/assets?org={}", e.org_id)>{e.org_name.clone()}</a>
                                    <span class="block font-mono text-xs text-slate-600">{e.org_oid.clone()}</span>
                                </th>
                                <td class=td>{e.submission.as_ref().map(|s| format!("{}（{}）", taipei_datetime(s.submitted_at), s.submitted_by)).unwrap_or_else(|| t(Msg::InvNotSubmitted).to_string())}</td>
                                <td class=td>{figures.as_ref().map(|f| f.rows).unwrap_or(e.live_rows)}</td>
                                // Options, not empty texts: an empty text node does not survive the
                                // HTML, and hydration would miss it.
                                <td class=td>{figures.as_ref().map(|f| join(f.levels))}</td>
                                <td class=td>{figures.as_ref().map(|f| join(f.baselines))}</td>
                                <td class=td>
                                    {e.submission.as_ref().map(|s| {
                                        let id = s.id.to_string();
                                        view! {
                                            <ActionForm action=reopen>
                                                <input type="hidden" name="submission_id" value=id/>
                                                <button type="submit" class=classes::SECONDARY_BUTTON>{t(Msg::InvReopen)}</button>
                                            </ActionForm>
                                        }
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
