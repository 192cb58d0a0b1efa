use std::time::Duration;

use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};

use crate::{
    directory::SearchQuery,
    i18n::{t, tr, Msg},
    url::query_string,
};

/// How long typing must pause before the results follow.
const DEBOUNCE: Duration = Duration::from_millis(180);

/// The directory search form. A plain GET form to `/directory`, so it works without the
/// wasm; with it, results follow the typing (`live`) and a malformed OID is pointed out at
/// the field as it is typed.
#[component]
pub fn SearchBox(#[prop(into)] initial: String, #[prop(optional)] live: bool) -> impl IntoView {
    let text = RwSignal::new(initial.clone());
    let error = Memo::new(move |_| SearchQuery::parse(&text.get()).oid_error().map(|e| e.text()));
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let navigate = use_navigate();

    let go = {
        let navigate = navigate.clone();
        move |q: String, replace: bool| {
            let url = if q.trim().is_empty() {
                "/directory".to_string()
            } else {
                format!("/directory?{}", query_string(&[("q", &q)]))
            };
            navigate(&url, NavigateOptions { replace, scroll: false, ..Default::default() });
        }
    };
    let on_input = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            text.set(value.clone());
            if !live {
                return;
            }
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let go = go.clone();
            let handle = set_timeout_with_handle(
                move || {
                    if SearchQuery::parse(&value).oid_error().is_none() {
                        go(value, true);
                    }
                },
                DEBOUNCE,
            )
            .ok();
            pending.set_value(handle);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        go(text.get_untracked(), false);
    };

    view! {
        <form role="search" method="get" action="/directory" on:submit=on_submit class="flex flex-col gap-2">
            <label for="q" class="font-semibold text-slate-900">{t(Msg::SearchLabel)}</label>
            <div class="flex flex-col gap-2 sm:flex-row">
                <input
                    id="q"
                    name="q"
                    type="search"
                    value=initial
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="q-hint q-error"
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    on:input=on_input
                    class="min-h-11 w-full flex-1 rounded-md border border-slate-500 bg-white px-3 py-2 text-base text-slate-900"
                />
                <button type="submit" class="min-h-11 rounded-md bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900">
                    {t(Msg::SearchButton)}
                </button>
            </div>
            <p id="q-hint" class="text-sm text-slate-600">{t(Msg::SearchHint)}</p>
            <p id="q-error" class="text-sm font-semibold text-red-800" aria-live="polite">
                {move || error.get().map(|e| tr(&e))}
            </p>
        </form>
    }
}
