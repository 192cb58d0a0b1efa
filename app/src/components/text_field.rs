use leptos::prelude::*;

use crate::i18n::{t, tr, LocalText, Msg};

/// A labelled input bound to `value`, with an optional hint and its error said beside it:
/// announced to screen readers, tied to the input by `aria-describedby`, and marked by
/// `aria-invalid`. The error comes from the same shared validation the server runs.
#[component]
pub fn TextField(
    /// The element id; the hint is `{id}-hint`, the error `{id}-error`.
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
    /// `text` unless given (`password`, `email`).
    #[prop(optional)]
    input_type: Option<&'static str>,
    /// The `autocomplete` token (`username`, `current-password`, `one-time-code`); `off` unless given.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// A sentence under the label: what to type (a message, or one with its values).
    #[prop(optional, into)]
    hint: Option<LocalText>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autofocus: bool,
    /// Text fixed in front of the box, not part of the value (a school code and `_`).
    #[prop(default = None)]
    prefix: Option<String>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    // A page that answers a refused plain post (`crate::light::Posted`): what was typed comes
    // back, and the first field in error takes the focus (the browser honours the first
    // `autofocus`).
    if crate::light::answers_refusal() {
        if value.with_untracked(String::is_empty) {
            value.set(crate::light::posted_value(name));
        }
    }
    let autofocus = autofocus || (crate::light::answers_refusal() && error.with_untracked(Option::is_some));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    // Whole class names, so that the stylesheet's scan finds them.
    let box_class = if prefix.is_some() {
        "min-h-11 w-full min-w-0 rounded-r-md border border-slate-500 bg-white px-3 py-2"
    } else {
        "min-h-11 w-full min-w-0 rounded-md border border-slate-500 bg-white px-3 py-2"
    };
    let described = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    view! {
        <div class="flex flex-col gap-1">
            <label for=id.clone() class="font-semibold text-slate-900">{t(label)}</label>
            {hint.map(|h| view! { <p id=hint_id class="text-sm text-slate-700">{tr(&h)}</p> })}
            <div class="flex items-stretch">
                {prefix.clone().map(|p| view! {
                    <span class="flex items-center rounded-l-md border border-r-0 border-slate-500 bg-slate-100 px-3 font-mono text-slate-800" aria-hidden="true">
                        {p}
                    </span>
                })}
                <input
                    id=id
                    name=name
                    type=input_type.unwrap_or("text")
                    autocomplete=autocomplete.unwrap_or("off")
                    inputmode=inputmode
                    required=required
                    autofocus=autofocus
                    // The attribute too, for a page rendered on the server that is never
                    // hydrated (a light page answering a post with what was typed).
                    value=value.get_untracked()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=described
                    class=box_class
                    class:font-mono=mono
                />
            </div>
            <p id=error_id class="text-sm font-semibold text-red-800" aria-live="polite">
                {move || error.get().map(|e| tr(&e))}
            </p>
        </div>
    }
}
