use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::{ActivityEntry, AuditOutcome},
    components::{classes, Access, ErrorNotice, Loading, Protected},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::my_activity,
    time::taipei_datetime,
};

/// 帳號活動紀錄: your own sign-ins and credential changes, newest first, in Taiwan time.
#[component]
pub fn ActivityPage() -> impl IntoView {
    // Made here, not inside `Protected`: a server render may run `Protected`'s content more
    // than once, and a resource made there would be fetched each time.
    let entries = Resource::new(|| (), |_| my_activity(None));
    view! {
        <Title text=t(Msg::ActivityTitle)/>
        <Protected access=Access::SignedIn render=move |_| view! { <Activity entries/> }.into_any()/>
    }
}

#[component]
fn Activity(entries: Resource<Result<Vec<ActivityEntry>, AppError>>) -> impl IntoView {
    view! {
        <section class="flex flex-col gap-4">
            <h1 class=classes::H1>{t(Msg::ActivityTitle)}</h1>
            <p class="text-sm text-slate-700">{t(Msg::ActivityIntro)}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) => view! { <ActivityTable entries=list/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Audit entries, newest first: a table from tablet width up, one block per entry on a phone
/// (a six-column table squeezed to 360 px breaks its words a character a line). Only one of
/// the two is displayed, so a screen reader meets each entry once. Also used by the central
/// authority's search.
#[component]
pub fn ActivityTable(
    entries: Vec<ActivityEntry>,
    #[prop(optional)] show_username: bool,
    /// Each record's detail (who granted what) in place of the address and device: 收件紀錄.
    #[prop(optional)]
    details: bool,
) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>{t(Msg::ActivityEmpty)}</p> }.into_any();
    }
    let th = "px-3 py-2";
    let rows = entries.clone();
    view! {
        <div class=format!("hidden sm:block {}", classes::SCROLL_BOX) tabindex="0" role="region" aria-label=t(Msg::ActivityTitle)>
            <table class="w-full text-left text-sm" data-testid="activity">
                <caption class="sr-only">{t(Msg::ActivityTitle)}</caption>
                <thead class="bg-slate-100">
                    <tr>
                        <th scope="col" class=th>{t(Msg::ColTime)}</th>
                        {show_username.then(|| view! { <th scope="col" class=th>{t(Msg::Username)}</th> })}
                        <th scope="col" class=th>{t(Msg::ColEvent)}</th>
                        <th scope="col" class=th>{t(Msg::ColResult)}</th>
                        {if details {
                            view! { <th scope="col" class=th>{t(Msg::ColDetail)}</th> }.into_any()
                        } else {
                            view! { <th scope="col" class=th>{t(Msg::ColIp)}</th><th scope="col" class=th>{t(Msg::ColDevice)}</th> }.into_any()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|e| {
                        let failed = e.outcome != AuditOutcome::Success;
                        view! {
                            <tr class="border-t border-slate-200 align-top">
                                <td class="whitespace-nowrap px-3 py-2 font-mono">{taipei_datetime(e.at)}</td>
                                // Possibly empty texts as options: an empty text node does not survive
                                // the HTML, and hydration would miss it.
                                {show_username.then(|| view! { <td class="px-3 py-2 font-mono">{e.username.clone()}</td> })}
                                <td class="px-3 py-2">{t(e.event.label())}{method(&e)}</td>
                                <td class="whitespace-nowrap px-3 py-2" class:text-red-800=failed class:font-semibold=failed>{t(e.outcome.label())}</td>
                                {if details {
                                    view! { <td class="break-words px-3 py-2">{(!e.detail.is_empty()).then(|| e.detail.clone())}</td> }.into_any()
                                } else {
                                    view! {
                                        <td class="px-3 py-2 font-mono">{(!e.ip.is_empty()).then(|| e.ip.clone())}</td>
                                        <td class="max-w-xs truncate px-3 py-2" title=e.user_agent.clone()>{(!e.user_agent.is_empty()).then(|| e.user_agent.clone())}</td>
                                    }.into_any()
                                }}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <ol class="flex flex-col gap-2 sm:hidden" aria-label=t(Msg::ActivityTitle) data-testid="activity-list">
            {entries.into_iter().map(|e| {
                let failed = e.outcome != AuditOutcome::Success;
                view! {
                    <li class="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
                        <p class="flex flex-wrap justify-between gap-x-2">
                            <span class="font-semibold">{t(e.event.label())}{method(&e)}</span>
                            <span class:text-red-800=failed class:font-semibold=failed>{t(e.outcome.label())}</span>
                        </p>
                        <p class="font-mono text-slate-700">
                            {taipei_datetime(e.at)}
                            {show_username.then(|| e.username.clone().map(|u| view! { " · " {u} }))}
                            {(!e.ip.is_empty()).then(|| view! { " · " {e.ip.clone()} })}
                        </p>
                        {(!e.user_agent.is_empty()).then(|| view! { <p class="truncate text-slate-600" title=e.user_agent.clone()>{e.user_agent.clone()}</p> })}
                        {(details && !e.detail.is_empty()).then(|| view! { <p class="break-words text-slate-700">{e.detail.clone()}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
        <p class="text-sm text-slate-600">{t(Msg::TimesInTaiwan)}</p>
    }
    .into_any()
}

/// After the event, the second factor it was made with: 綁定驗證器（安全金鑰／通行金鑰）.
fn method(entry: &ActivityEntry) -> Option<String> {
    entry.factor().map(|kind| tr(&LocalText::new(Msg::EventMethod).arg("method", t(kind.label()))))
}
