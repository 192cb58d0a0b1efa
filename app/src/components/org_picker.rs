use std::time::Duration;

use leptos::prelude::*;

use super::TextField;
use crate::{
    directory::OrgSummary,
    i18n::{t, use_locale, LocalText, Msg},
    oid::Oid,
    server_fns::search_orgs,
};

const DEBOUNCE: Duration = Duration::from_millis(150);
const SUGGESTIONS: usize = 8;

/// Chooses an organization for a form: a search combobox (WAI-ARIA combobox pattern) whose
/// choice fills the form's 機關代號 and 機關名稱. Both stay plain inputs named `code_field`
/// and `name_field`, so the form still works when typed into by hand or without the wasm;
/// a typed 機關代號 is checked as an OID as it is typed.
#[component]
pub fn OrgPicker(
    /// Prefix for element ids, unique on the page.
    #[prop(into)]
    id: String,
    code_field: &'static str,
    name_field: &'static str,
    #[prop(optional, into)] initial_code: String,
    #[prop(optional, into)] initial_name: String,
    /// The server's answer about the code (an unknown organization), after a submission.
    #[prop(optional, into)]
    error: Option<Signal<Option<LocalText>>>,
    /// The 機關代號 as chosen or typed, for a form whose other fields depend on it; starts at
    /// `initial_code` when not given.
    #[prop(optional)]
    code: Option<RwSignal<String>>,
) -> impl IntoView {
    let locale = use_locale();
    let query = RwSignal::new(String::new());
    let settled = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let code = code.unwrap_or_else(|| RwSignal::new(initial_code));
    let name = RwSignal::new(initial_name);
    let announcement = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);

    // Only the browser asks (effects run only there): suggestions have no meaning in
    // server-rendered HTML. A signal filled by an effect, not a `LocalResource`: read inside a
    // `Suspense` on the server (the application form), a local resource that never resolves
    // there made the server render the form twice and read the first render's disposed signals.
    let suggestions = RwSignal::new(Vec::<OrgSummary>::new());
    Effect::new(move |_| {
        let q = settled.get();
        if q.trim().is_empty() {
            suggestions.set(Vec::new());
            return;
        }
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let found = search_orgs(q.clone(), Some(SUGGESTIONS)).await.unwrap_or_default();
            // An answer to a query the user has since changed is dropped.
            if settled.get_untracked() == q {
                suggestions.set(found);
            }
        });
    });
    let items = move || suggestions.get();

    let server_error = error.unwrap_or_else(|| Signal::derive(|| None));
    let code_error = Signal::derive(move || {
        let c = code.get();
        (c.contains('.')).then(|| Oid::parse(&c).err().map(|e| e.text())).flatten().or_else(|| server_error.get())
    });

    let choose = move |org: OrgSummary| {
        code.set(org.oid.clone().or(org.school_code.clone()).unwrap_or_default());
        name.set(org.name.clone());
        query.set(org.name.clone());
        open.set(false);
        active.set(None);
        announcement.set(LocalText::new(Msg::PickerChosen).arg("name", &org.name).render(locale));
    };

    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        query.set(value.clone());
        open.set(!value.trim().is_empty());
        active.set(None);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(set_timeout_with_handle(move || settled.set(value), DEBOUNCE).ok());
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let list = items();
        let n = list.len();
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                if let Some(org) = active.get_untracked().and_then(|i| list.get(i).cloned()) {
                    ev.prevent_default();
                    choose(org);
                }
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };

    let listbox = format!("{id}-listbox");
    let option_id = {
        let id = id.clone();
        move |i: usize| format!("{id}-option-{i}")
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || active.get().map(&option_id)
    };

    view! {
        <div class="flex flex-col gap-3" data-testid="org-picker">
            <div class="relative flex flex-col gap-1">
                <label for=format!("{id}-search") class="font-semibold text-slate-900">{t(Msg::PickerLabel)}</label>
                <input
                    id=format!("{id}-search")
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    aria-autocomplete="list"
                    aria-controls=listbox.clone()
                    aria-expanded=move || if open.get() && !items().is_empty() { "true" } else { "false" }
                    aria-activedescendant=active_descendant
                    aria-describedby=format!("{id}-hint")
                    prop:value=move || query.get()
                    on:input=on_input
                    on:keydown=on_keydown
                    on:blur=move |_| open.set(false)
                    class="min-h-11 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base"
                />
                <p id=format!("{id}-hint") class="text-sm text-slate-600">{t(Msg::PickerHint)}</p>
                <ul
                    id=listbox
                    role="listbox"
                    aria-label=t(Msg::PickerLabel)
                    class="absolute top-full z-10 mt-1 max-h-80 w-full overflow-auto rounded-md border border-slate-300 bg-white shadow-lg"
                    class:hidden=move || !open.get() || items().is_empty()
                >
                    {move || {
                        items()
                            .into_iter()
                            .enumerate()
                            .map(|(i, org)| {
                                let selected = move || active.get() == Some(i);
                                let label = org.name.clone();
                                let detail = org.oid.clone().or(org.school_code.clone()).unwrap_or_default();
                                view! {
                                    <li
                                        id=option_id(i)
                                        role="option"
                                        aria-selected=move || if selected() { "true" } else { "false" }
                                        class="cursor-pointer px-3 py-2"
                                        class:bg-blue-100=selected
                                        // mousedown, not click: it comes before the input's blur.
                                        on:mousedown=move |ev| {
                                            ev.prevent_default();
                                            choose(org.clone());
                                        }
                                    >
                                        <span class="block font-semibold text-slate-900">{label}</span>
                                        <span class="block font-mono text-sm text-slate-600">{detail}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
            <div class="grid gap-3 sm:grid-cols-2">
                <TextField id=format!("{id}-code") name=code_field label=Msg::FieldOrgCode value=code error=code_error mono=true/>
                <TextField id=format!("{id}-name") name=name_field label=Msg::FieldOrgName value=name/>
            </div>
            <p class="sr-only" aria-live="polite">{move || announcement.get()}</p>
        </div>
    }
}
