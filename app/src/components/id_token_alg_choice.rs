use leptos::prelude::*;

use crate::{
    i18n::{t, Msg},
    provider::IdTokenAlg,
};

/// 身分權杖簽章演算法: RS256 (the default, which every OpenID Connect library takes) or ES256,
/// said in a sentence under the choice. The field's name is `id_token_alg`.
#[component]
pub fn IdTokenAlgChoice(alg: RwSignal<IdTokenAlg>) -> impl IntoView {
    view! {
        <div class="flex flex-col gap-1">
            <label for="subsystem-id-token-alg" class="font-semibold text-slate-900">{t(Msg::SubsystemsIdTokenAlg)}</label>
            <select id="subsystem-id-token-alg" name="id_token_alg" aria-describedby="subsystem-id-token-alg-hint"
                class="min-h-11 self-start rounded-md border border-slate-500 bg-white px-2 font-mono"
                on:change=move |ev| alg.set(IdTokenAlg::of(&event_target_value(&ev)).unwrap_or_default())>
                {IdTokenAlg::ALL.into_iter().map(|a| view! {
                    <option value=a.as_str() selected=move || alg.get() == a>{a.as_str()}</option>
                }).collect_view()}
            </select>
            <p id="subsystem-id-token-alg-hint" class="text-sm text-slate-700">{t(Msg::SubsystemsIdTokenAlgHint)}</p>
        </div>
    }
}
