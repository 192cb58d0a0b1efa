use leptos::prelude::*;

use crate::{
    i18n::{t, Msg},
    provider::ClientKind,
};

/// 類型: a subsystem is confidential (a server holding a secret) or public (PKCE alone), each
/// said in a sentence under its choice. The radios' name is `kind`.
#[component]
pub fn ClientKindChoice(kind: RwSignal<ClientKind>) -> impl IntoView {
    let choice = move |value: ClientKind, label: Msg, hint: Msg| {
        let id = format!("kind-{}", value.as_str());
        let (hint_id, label_for) = (format!("{id}-hint"), id.clone());
        view! {
            <label for=label_for class="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3">
                <input type="radio" id=id name="kind" value=value.as_str() class="mt-1 h-5 w-5 shrink-0"
                    aria-describedby=hint_id.clone()
                    checked=kind.get_untracked() == value prop:checked=move || kind.get() == value
                    on:change=move |_| kind.set(value)/>
                <span class="flex flex-col">
                    <span class="font-semibold">{t(label)}</span>
                    <span id=hint_id class="text-sm text-slate-700">{t(hint)}</span>
                </span>
            </label>
        }
    };
    view! {
        <fieldset class="flex flex-col gap-2">
            <legend class="mb-1 font-semibold text-slate-900">{t(Msg::SubsystemsKind)}</legend>
            <div class="grid gap-2 sm:grid-cols-2">
                {choice(ClientKind::Confidential, Msg::SubsystemsConfidential, Msg::SubsystemsConfidentialHint)}
                {choice(ClientKind::Public, Msg::SubsystemsPublic, Msg::SubsystemsPublicHint)}
            </div>
        </fieldset>
    }
}
