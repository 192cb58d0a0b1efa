use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::admin_accounts::AdminNav;
use crate::{
    accounts::{AdminEntry, Paged},
    components::{classes, Access, AssignMainForm, ErrorNotice, ListSearch, Loading, PageLinks, Protected},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    permissions::Action,
    server_fns::{list_org_admins, AssignMainAccount},
    time::taipei_datetime,
};

/// 機關管理者名單: every organization's admins with their last sign-in, those never or longest
/// ago signed in first, for the periodic review of who still needs the role (SPEC §2).
#[component]
pub fn AdminOrgAdminsPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse::<i64>().ok()));
    // Made here, not inside `Protected` (a server render may run its content more than once).
    let assign = ServerAction::<AssignMainAccount>::new();
    let rows =
        Resource::new(move || (q(), page(), assign.version().get()), |(q, page, _)| list_org_admins(Some(q), page));
    view! {
        <Title text=t(Msg::OrgAdminsTitle)/>
        <Protected access=Access::May(|_| Action::ListOrgAdmins) render=move |_| view! { <OrgAdmins q=Signal::derive(q) rows assign/> }.into_any()/>
    }
}

#[component]
fn OrgAdmins(
    q: Signal<String>,
    rows: Resource<Result<Paged<AdminEntry>, AppError>>,
    assign: ServerAction<AssignMainAccount>,
) -> impl IntoView {
    let th = "px-3 py-2 font-semibold";
    view! {
        <section class="flex flex-col gap-4">
            <AdminNav/>
            <h1 class=classes::H1>{t(Msg::OrgAdminsTitle)}</h1>
            <p>{t(Msg::OrgAdminsIntro)}</p>
            <AssignMainForm action=assign/>
            <ListSearch action="/admin/org-admins" label=Msg::OrgAdminsSearch q/>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.total == 0 => {
                            // A search that found nothing is not an empty list.
                            let msg = if q.get_untracked().trim().is_empty() { Msg::OrgAdminsEmpty } else { Msg::OrgAdminsNoMatch };
                            view! { <p class=classes::NOTICE>{t(msg)}</p> }.into_any()
                        }
                        Ok(list) => {
                            let count = LocalText::new(Msg::OrgAdminsCount).arg("count", list.total);
                            let href = format!("/admin/org-admins?q={}", crate::url::encode_component(&q.get_untracked()));
                            let (page, pages) = (list.page, list.pages());
                            let list = list.rows;
                            let cards = list.clone();
                            view! {
                                <p>{tr(&count)}</p>
                                // A phone gets one card per admin, the last sign-in in sight; a wider
                                // screen the table.
                                <ul class="flex flex-col gap-2 sm:hidden" data-testid="org-admin-cards">
                                    {cards.into_iter().map(|a| view! { <Card a/> }).collect_view()}
                                </ul>
                                <div class=format!("hidden sm:block {}", classes::SCROLL_BOX) tabindex="0" role="region" aria-label=t(Msg::OrgAdminsTitle)>
                                    <table class="w-full text-left text-sm" data-testid="org-admins">
                                        <caption class="sr-only">{t(Msg::OrgAdminsTitle)}</caption>
                                        <thead class="bg-slate-100">
                                            <tr>
                                                <th scope="col" class=th>{t(Msg::Organization)}</th>
                                                <th scope="col" class=th>{t(Msg::DisplayName)}</th>
                                                <th scope="col" class=th>{t(Msg::Username)}</th>
                                                <th scope="col" class=th>{t(Msg::ApplyUnit)}</th>
                                                <th scope="col" class=th>{t(Msg::OrgAdminsLastSignIn)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {list.into_iter().map(|a| view! { <Row a/> }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
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

/// When the admin last signed in, or that they never did.
fn last_sign_in(a: &AdminEntry) -> String {
    match a.last_sign_in_at {
        Some(at) => taipei_datetime(at),
        None => t(Msg::OrgAdminsNever).to_string(),
    }
}

#[component]
fn Card(a: AdminEntry) -> impl IntoView {
    view! {
        <li class="rounded-lg border border-slate-200 bg-white p-3" data-testid="org-admin-card">
            <p class="font-semibold">{a.display_name.clone()}" · "<span class="font-mono text-sm">{a.username.clone()}</span>
                {(!a.active).then(|| view! { <span class="ml-1 text-xs font-semibold text-red-800">{t(Msg::OrgAdminsDisabled)}</span> })}</p>
            <p class="text-sm">{a.org_name.clone()}" "<span class="font-mono text-xs text-slate-700">{a.org_code.clone()}</span></p>
            <p class="text-sm" class:font-semibold=a.last_sign_in_at.is_none()>{t(Msg::OrgAdminsLastSignIn)}"："{last_sign_in(&a)}</p>
        </li>
    }
}

#[component]
fn Row(a: AdminEntry) -> impl IntoView {
    let td = "border-t border-slate-200 px-3 py-2 align-top";
    let unit = [a.unit.clone(), a.title.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
    let last = last_sign_in(&a);
    view! {
        <tr data-testid="org-admin">
            <td class=td>{a.org_name.clone()}<br/><span class="font-mono text-xs text-slate-700">{a.org_code.clone()}</span></td>
            <td class=td>{a.display_name.clone()}{(!a.active).then(|| view! { <span class="ml-1 text-xs font-semibold text-red-800">{t(Msg::OrgAdminsDisabled)}</span> })}</td>
            <td class=format!("{td} font-mono")>{a.username.clone()}</td>
            <td class=td>{if unit.is_empty() { None } else { Some(unit) }}</td>
            <td class=format!("{td} whitespace-nowrap") class:font-semibold=a.last_sign_in_at.is_none()>{last}</td>
        </tr>
    }
}
