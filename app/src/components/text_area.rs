use leptos::prelude::*;

use crate::i18n::{t, tr, LocalText, Msg};

/// A labelled multi-line text (an announcement's body, a version of the terms of use) with
/// its error under it, read out when it appears.
#[component]
pub fn TextArea(
    id: &'static str,
    label: Msg,
    error: Signal<Option<LocalText>>,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    let described = format!("{id}-error");
    view! {
        <div class="flex flex-col gap-1">
            <label for=id class="font-semibold">{t(label)}</label>
            <textarea id=id name=id rows=rows required aria-describedby=described.clone()
                aria-invalid=move || error.get().is_some().to_string()
                class="rounded-md border border-slate-500 px-3 py-2"></textarea>
            <p id=described class="text-sm font-semibold text-red-800" aria-live="polite">{move || error.get().map(|e| tr(&e))}</p>
        </div>
    }
}
