use leptos::prelude::*;

use crate::i18n::{t, tr, LocalText, Msg};

/// A labelled text input bound to `value`, with its error said beside it: announced to
/// screen readers, tied to the input by `aria-describedby`, and marked by `aria-invalid`.
/// The error comes from the same shared validation the server runs.
#[component]
pub fn TextField(
    /// The element id; the error paragraph is `{id}-error`.
    #[prop(into)]
    id: String,
    /// The form field name.
    name: &'static str,
    label: Msg,
    value: RwSignal<String>,
    #[prop(optional, into)] error: Option<Signal<Option<LocalText>>>,
    /// Monospace, for codes and OIDs.
    #[prop(optional)]
    mono: bool,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let error_id = format!("{id}-error");
    view! {
        <div class="flex flex-col gap-1">
            <label for=id.clone() class="font-semibold text-slate-900">{t(label)}</label>
            <input
                id=id
                name=name
                type="text"
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                class="min-h-11 rounded-md border border-slate-500 bg-white px-3 py-2"
                class:font-mono=mono
            />
            <p id=error_id class="text-sm font-semibold text-red-800" aria-live="polite">
                {move || error.get().map(|e| tr(&e))}
            </p>
        </div>
    }
}
