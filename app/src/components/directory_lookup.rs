use leptos::prelude::*;

use super::SearchBox;
use crate::i18n::{t, Msg};

const CARD: &str = "block rounded-lg border border-slate-200 bg-white p-4 no-underline hover:border-blue-700";

/// The public directory on the home page: the search (a plain GET form to `/directory`), the
/// directory and the OID tree, and for a guest 申請帳號. A signed-in person finds it below
/// what they came for, under a heading of its own.
#[component]
pub fn DirectoryLookup(guest: bool) -> impl IntoView {
    view! {
        // A guest's part has no heading of its own: it is what the page's heading is about.
        <section aria-labelledby=(!guest).then_some("lookup-heading") class="flex flex-col gap-4" data-testid="lookup">
            {if guest {
                view! { <p class="text-slate-700">{t(Msg::HomeIntro)}</p> }.into_any()
            } else {
                view! { <h2 id="lookup-heading" class="text-xl font-bold">{t(Msg::NavDirectory)}</h2> }.into_any()
            }}
            <div class="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
                <SearchBox initial=String::new()/>
            </div>
            <div class=if guest { "grid gap-4 sm:grid-cols-3" } else { "grid gap-4 sm:grid-cols-2" }>
                <a href="/directory" class=CARD>
                    <h3 class="font-semibold text-blue-800">{t(Msg::NavDirectory)}</h3>
                    <p class="text-sm text-slate-700">{t(Msg::HomeDirectoryCard)}</p>
                </a>
                <a href="/directory/tree" class=CARD>
                    <h3 class="font-semibold text-blue-800">{t(Msg::NavTree)}</h3>
                    <p class="text-sm text-slate-700">{t(Msg::HomeTreeCard)}</p>
                </a>
                {guest.then(|| view! {
                    <a href="/apply" class=CARD>
                        <h3 class="font-semibold text-blue-800">{t(Msg::ApplyLink)}</h3>
                        <p class="text-sm text-slate-700">{t(Msg::HomeApplyCard)}</p>
                    </a>
                })}
            </div>
        </section>
    }
}
