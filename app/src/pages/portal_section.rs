use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::PortalHome,
    components::{classes, ErrorNotice, Loading},
    i18n::{t, tr, LocalText, Msg},
    server_fns::get_portal_home,
    time::taipei_datetime,
};

/// The portal part of the home page: the signed-in user's subsystems, then announcements,
/// ten per page.
#[component]
pub fn PortalSection() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<usize>().ok()));
    let home = Resource::new(page, get_portal_home);
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(home) => view! { <Portal home/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Portal(home: PortalHome) -> impl IntoView {
    let PortalHome { announcements, page, pages, subsystems, waiting_reviews } = home;
    let waiting = LocalText::new(Msg::ReviewWaiting).arg("count", waiting_reviews);
    view! {
        {(waiting_reviews > 0).then(|| view! {
            <a href="/admin/applications" data-testid="review-reminder"
                class="block rounded-lg border border-amber-300 bg-amber-50 p-4 font-semibold text-amber-950 no-underline hover:border-amber-600">
                {tr(&waiting)}" →"
            </a>
        })}
        {(!subsystems.is_empty()).then(|| view! {
            <section aria-labelledby="subsystems-heading" class="flex flex-col gap-3">
                <h2 id="subsystems-heading" class="text-xl font-bold">{t(Msg::MySubsystems)}</h2>
                <ul class="grid gap-4 sm:grid-cols-2">
                    {subsystems.into_iter().map(|s| if s.path.is_empty() {
                        // A registered subsystem whose address is not set yet: named, not a link.
                        view! {
                            <li><div class="block rounded-lg border border-dashed border-slate-300 bg-slate-50 p-4" data-testid="subsystem">
                                <span class="block font-semibold text-slate-800">{s.name}</span>
                                <span class="block text-sm text-slate-700">{s.description}</span>
                                <span class="block text-sm text-slate-700">{t(Msg::SubsystemNotConnected)}</span>
                            </div></li>
                        }.into_any()
                    } else {
                        view! {
                            <li><a href=s.path class="block rounded-lg border border-slate-200 bg-white p-4 no-underline hover:border-blue-700" data-testid="subsystem">
                                <span class="block font-semibold text-blue-800">{s.name}</span>
                                <span class="block text-sm text-slate-700">{s.description}</span>
                            </a></li>
                        }.into_any()
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="announcements-heading" class="flex flex-col gap-3">
            <h2 id="announcements-heading" class="text-xl font-bold">{t(Msg::Announcements)}</h2>
            {if announcements.is_empty() {
                view! { <p>{t(Msg::NoAnnouncements)}</p> }.into_any()
            } else {
                view! {
                    <ul class="flex flex-col gap-3">
                        {announcements.into_iter().map(|a| view! {
                            <li class=classes::CARD data-testid="announcement">
                                <h3 class="font-semibold">
                                    {a.members_only.then(|| view! { <span class="mr-2 rounded bg-blue-100 px-2 py-0.5 text-sm text-blue-900">{t(Msg::MembersOnly)}</span> })}
                                    {a.title}
                                </h3>
                                <p class="text-sm text-slate-600">{taipei_datetime(a.published_at)}</p>
                                <p class="whitespace-pre-wrap">{a.body}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(pages > 1).then(|| view! {
                <nav aria-label=t(Msg::Pagination) class="flex items-center gap-4">
                    {(page > 1).then(|| view! { <a href=format!("/?page={}", page - 1) rel="prev">{t(Msg::PreviousPage)}</a> })}
                    <span>{tr(&LocalText::new(Msg::PageOf).arg("page", page).arg("pages", pages))}</span>
                    {(page < pages).then(|| view! { <a href=format!("/?page={}", page + 1) rel="next">{t(Msg::NextPage)}</a> })}
                </nav>
            })}
        </section>
    }
}
