use leptos::prelude::*;

use crate::{
    accounts::{DuePeriod, SubsystemEntry},
    i18n::{t, tr, LocalText, Msg},
    time::taipei_datetime,
};

/// What a signed-in person came for, first on the home page: what waits for them (reviews, a
/// reporting period their organization has not submitted in) and 我的系統, the subsystems they
/// may open (網站入口).
#[component]
pub fn PortalTiles(waiting_reviews: usize, due: Option<DuePeriod>, subsystems: Vec<SubsystemEntry>) -> impl IntoView {
    const NOTICE: &str = "block rounded-lg border border-amber-300 bg-amber-50 p-4 font-semibold text-amber-950 no-underline hover:border-amber-600";
    let waiting = LocalText::new(Msg::ReviewWaiting).arg("count", waiting_reviews);
    view! {
        {(waiting_reviews > 0).then(|| view! {
            <a href="/admin/applications" data-testid="review-reminder" class=NOTICE>{tr(&waiting)}" →"</a>
        })}
        {due.map(|due| {
            let text = LocalText::new(Msg::InventoryDue).arg("title", due.title).arg("closes", taipei_datetime(due.closes_at));
            view! { <a href="/assets" data-testid="inventory-due" class=NOTICE>{tr(&text)}" →"</a> }
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
    }
}
