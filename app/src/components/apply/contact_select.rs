use leptos::prelude::*;

use crate::{
    accounts::ContactChoice,
    i18n::{t, tr, LocalText, Msg},
};

/// A registered contact's name on the first step: 請選擇姓名, the names masked. The email and
/// mobile fields are the step's own; `ChannelChoice` follows them.
#[component]
pub fn ContactSelect(
    contacts: Signal<Vec<ContactChoice>>,
    #[prop(into)] error: Signal<Option<LocalText>>,
) -> impl IntoView {
    let options = move || {
        contacts.get().into_iter().map(|c| view! { <option value=c.id.to_string()>{c.masked}</option> }).collect_view()
    };
    view! {
        <div class="flex flex-col gap-1">
            <label for="apply-contact" class="font-semibold text-slate-900">{t(Msg::ApplyContactPick)}</label>
            <p id="apply-contact-hint" class="text-sm text-slate-700">{t(Msg::ApplyContactHint)}</p>
            <select id="apply-contact" name="contact" required=true aria-describedby="apply-contact-hint apply-contact-error"
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                class="min-h-11 rounded-md border border-slate-500 bg-white px-2">
                <option value="">{t(Msg::ApplyContactPlaceholder)}</option>
                {options}
            </select>
            <p id="apply-contact-error" class="text-sm font-semibold text-red-800" aria-live="polite">
                {move || error.get().map(|e| tr(&e))}
            </p>
        </div>
    }
}
