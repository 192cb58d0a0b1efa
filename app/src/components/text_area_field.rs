use leptos::prelude::*;

use crate::i18n::{t, tr, LocalText, Msg};

/// `TextField` for several lines (a list of addresses, one per line): labelled, with an
/// optional hint, and its error said beside it, tied by `aria-describedby`.
#[component]
pub fn TextAreaField(
    /// The element id; the hint is `{id}-hint`, the error `{id}-error`.
    #[prop(into)]
    id: String,
    /// The form field name.
    name: &'static str,
    label: Msg,
    /// What it holds, kept by the page; without it the field is the form's alone.
    #[prop(optional)]
    value: Option<RwSignal<String>>,
    #[prop(optional, into)] error: Option<Signal<Option<LocalText>>>,
    #[prop(optional, into)] hint: Option<LocalText>,
    #[prop(default = 3)] rows: u32,
    /// Monospace, for addresses and codes.
    #[prop(optional)]
    mono: bool,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    view! {
        <div class="flex flex-col gap-1">
            <label for=id.clone() class="font-semibold text-slate-900">{t(label)}</label>
            {hint.map(|h| view! { <p id=hint_id class="text-sm text-slate-700">{tr(&h)}</p> })}
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                spellcheck="false"
                prop:value=move || value.map(|v| v.get())
                on:input=move |ev| {
                    if let Some(value) = value {
                        value.set(event_target_value(&ev));
                    }
                }
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
                class="w-full min-w-0 rounded-md border border-slate-500 bg-white px-3 py-2"
                class:font-mono=mono
                class:text-sm=mono
            ></textarea>
            <p id=error_id class="text-sm font-semibold text-red-800" aria-live="polite">
                {move || error.get().map(|e| tr(&e))}
            </p>
        </div>
    }
}
