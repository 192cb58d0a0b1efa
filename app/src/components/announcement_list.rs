use leptos::prelude::*;

use super::classes;
use crate::{
    accounts::Announcement,
    i18n::{t, tr, LocalText, Msg},
    time::taipei_datetime,
};

/// 最新公告, a page of them, with links to the pages before and after (`/?page=N`).
#[component]
pub fn AnnouncementList(announcements: Vec<Announcement>, page: usize, pages: usize) -> impl IntoView {
    view! {
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
