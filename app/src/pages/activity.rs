use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::{ActivityEntry, AuditOutcome},
    components::{classes, Access, ErrorNotice, Protected},
    i18n::{t, Msg},
    server_fns::my_activity,
    time::taipei_datetime,
};

/// 帳號活動紀錄: your own sign-ins and credential changes, newest first, in Taiwan time.
#[component]
pub fn ActivityPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::ActivityTitle)/>
        <Protected access=Access::SignedIn render=|_| view! { <Activity/> }.into_any()/>
    }
}

#[component]
fn Activity() -> impl IntoView {
    let entries = Resource::new(|| (), |_| my_activity(None));
    view! {
        <section class="flex flex-col gap-4">
            <h1 class=classes::H1>{t(Msg::ActivityTitle)}</h1>
            <p class="text-sm text-slate-700">{t(Msg::ActivityIntro)}</p>
            <Suspense fallback=move || view! { <p>{t(Msg::Loading)}</p> }>
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

/// A table of audit entries; also used by the central authority's search.
#[component]
pub fn ActivityTable(entries: Vec<ActivityEntry>, #[prop(optional)] show_username: bool) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>{t(Msg::ActivityEmpty)}</p> }.into_any();
    }
    view! {
        // Scrolls sideways on a phone; focusable so that keyboard users can scroll it too.
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabindex="0" role="region" aria-label=t(Msg::ActivityTitle)>
            <table class="w-full text-left text-sm" data-testid="activity">
                <caption class="sr-only">{t(Msg::ActivityTitle)}</caption>
                <thead class="bg-slate-100">
                    <tr>
                        <th scope="col" class="px-3 py-2">{t(Msg::ColTime)}</th>
                        {show_username.then(|| view! { <th scope="col" class="px-3 py-2">{t(Msg::Username)}</th> })}
                        <th scope="col" class="px-3 py-2">{t(Msg::ColEvent)}</th>
                        <th scope="col" class="px-3 py-2">{t(Msg::ColResult)}</th>
                        <th scope="col" class="px-3 py-2">{t(Msg::ColIp)}</th>
                        <th scope="col" class="px-3 py-2">{t(Msg::ColDevice)}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|e| {
                        let failed = e.outcome != AuditOutcome::Success;
                        view! {
                            <tr class="border-t border-slate-200 align-top">
                                <td class="whitespace-nowrap px-3 py-2 font-mono">{taipei_datetime(e.at)}</td>
                                {show_username.then(|| view! { <td class="px-3 py-2 font-mono">{e.username.clone().unwrap_or_default()}</td> })}
                                <td class="px-3 py-2">{t(e.event.label())}</td>
                                <td class="px-3 py-2" class:text-red-800=failed class:font-semibold=failed>{t(e.outcome.label())}</td>
                                <td class="px-3 py-2 font-mono">{e.ip.clone()}</td>
                                <td class="max-w-xs truncate px-3 py-2" title=e.user_agent.clone()>{e.user_agent.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="text-sm text-slate-600">{t(Msg::TimesInTaiwan)}</p>
    }
    .into_any()
}
