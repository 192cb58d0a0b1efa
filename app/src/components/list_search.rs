use leptos::prelude::*;

use crate::{
    components::classes,
    i18n::{t, Msg},
};

/// The search box over an admin list: a plain GET form to `action`, so that the query is in the
/// address (a link to a search works, the back button too) and the form works without the
/// wasm. `keep` are other parameters the list carries (the queue's kind); a search starts
/// from the first page.
#[component]
pub fn ListSearch(
    action: &'static str,
    label: Msg,
    #[prop(into)] q: Signal<String>,
    #[prop(optional)] keep: Vec<(&'static str, Signal<String>)>,
) -> impl IntoView {
    view! {
        <form method="get" action=action role="search" class="flex flex-wrap items-end gap-2">
            {keep.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=move || value.get()/> }).collect_view()}
            <div class="flex min-w-0 grow flex-col gap-1 sm:w-96 sm:grow-0">
                <label for="list-q" class="font-semibold">{t(label)}</label>
                <input id="list-q" name="q" type="search" value=move || q.get()
                    class="min-h-11 w-full rounded-md border border-slate-500 px-3 py-2"/>
            </div>
            <button type="submit" class=classes::BUTTON>{t(Msg::SearchButton)}</button>
        </form>
    }
}
