use leptos::prelude::*;

use super::{classes, FormAlert};
use crate::{
    accounts::{FactorKind, SignInMethod},
    i18n::{t, tr, LocalText, Msg},
    server_fns::RemoveKey,
    time::taipei_datetime,
};

/// The bound methods of 登入設定, each with when it was bound and last used; keys can be
/// removed (after a confirmation that names the key); `on_removed` gets the removed key's name.
#[component]
pub fn SignInMethodList(methods: Vec<SignInMethod>, #[prop(into)] on_removed: Callback<String>) -> impl IntoView {
    let remove = ServerAction::<RemoveKey>::new();
    let outcome = remove.value();
    let removed_name = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(())) = outcome.get() {
            on_removed.run(removed_name.get_untracked());
        }
    });
    let asking = RwSignal::new(None::<i64>);
    let items = methods
        .into_iter()
        .map(|m| {
            let name = match m.kind {
                FactorKind::SecurityKey => m.label.clone(),
                FactorKind::Google => format!("{}（{}）", t(m.kind.label()), m.label),
                FactorKind::Totp => t(m.kind.label()).to_string(),
            };
            let added = tr(&LocalText::new(Msg::MethodAddedOn).arg("date", taipei_datetime(m.created_at)));
            let used = match m.last_used_at {
                Some(at) => tr(&LocalText::new(Msg::MethodLastUsed).arg("date", taipei_datetime(at))),
                None => t(Msg::MethodNeverUsed).to_string(),
            };
            let action = match m.kind {
                FactorKind::Totp => view! { <a href="/account/bind" class="self-start">{t(Msg::RebindTotp)}</a> }.into_any(),
                FactorKind::SecurityKey | FactorKind::Google => {
                    let (id, label) = (m.id, m.label.clone());
                    let named = tr(&LocalText::new(Msg::RemoveKeyNamed).arg("name", &label));
                    let confirm = tr(&LocalText::new(Msg::RemoveKeyConfirm).arg("name", &label));
                    view! {
                        <Show when=move || asking.get() == Some(id) fallback=move || view! {
                            <button type="button" class=classes::SECONDARY_BUTTON aria-label=named.clone()
                                on:click=move |_| asking.set(Some(id))>{t(Msg::RemoveKey)}</button>
                        }>
                            <div class="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3" role="group">
                                <p>{confirm.clone()}</p>
                                <div class="flex flex-wrap gap-2">
                                    <button type="button" class=classes::BUTTON disabled=move || remove.pending().get()
                                        on:click={
                                            let label = label.clone();
                                            move |_| {
                                                removed_name.set(label.clone());
                                                remove.dispatch(RemoveKey { id });
                                            }
                                        }>{t(Msg::RemoveKeyYes)}</button>
                                    <button type="button" class=classes::SECONDARY_BUTTON on:click=move |_| asking.set(None)>{t(Msg::Cancel)}</button>
                                </div>
                            </div>
                        </Show>
                    }
                    .into_any()
                }
            };
            view! {
                <li class="flex flex-col gap-2 border-b border-slate-200 py-3 last:border-b-0 sm:flex-row sm:items-center sm:justify-between">
                    <div class="flex min-w-0 flex-col">
                        <span class="break-words font-semibold">{name}</span>
                        <span class="text-sm text-slate-700">{added}" · "{used}</span>
                    </div>
                    {action}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul aria-label=t(Msg::SignInMethodsLabel) class="flex flex-col">{items}</ul>
        <FormAlert outcome fields=&[]/>
    }
}
