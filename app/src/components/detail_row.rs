use leptos::prelude::*;

use crate::i18n::{t, Msg};

/// One line of a details list (`<dl>`): the label, and the value (nothing shown when empty).
#[component]
pub fn DetailRow(label: Msg, #[prop(into)] value: String) -> impl IntoView {
    view! {
        <div class="grid gap-1 border-t border-slate-200 py-2 first:border-t-0 sm:grid-cols-3">
            <dt class="font-semibold text-slate-700">{t(label)}</dt>
            // An empty text node would not survive hydration: nothing rather than "".
            <dd class="break-all sm:col-span-2">{if value.is_empty() { None } else { Some(value) }}</dd>
        </div>
    }
}
