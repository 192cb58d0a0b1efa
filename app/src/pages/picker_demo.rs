use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::OrgPicker,
    i18n::{t, use_locale, LocalText, Msg},
};

/// A working form around the organization picker: the sign-up form's first step will embed
/// the same component. Submitting shows what the form carried, so the picker can be tried
/// (and tested) end to end, with and without the wasm.
#[component]
pub fn PickerDemoPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let code = move || query.read().get("org_code").unwrap_or_default();
    let name = move || query.read().get("org_name").unwrap_or_default();
    let submitted = move || {
        let (c, n) = (code(), name());
        (!c.is_empty() || !n.is_empty())
            .then(|| LocalText::new(Msg::PickerSubmitted).arg("code", c).arg("name", n).render(locale))
    };
    view! {
        <Title text=t(Msg::PickerDemoTitle)/>
        <h1 class="mb-2 text-2xl font-bold text-slate-900">{t(Msg::PickerDemoTitle)}</h1>
        <p class="mb-4 text-slate-700">{t(Msg::PickerDemoIntro)}</p>
        <form method="get" action="/dev/picker" class="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
            <OrgPicker id="org" code_field="org_code" name_field="org_name" initial_code=query.with_untracked(|m| m.get("org_code")).unwrap_or_default()
                initial_name=query.with_untracked(|m| m.get("org_name")).unwrap_or_default()/>
            <div>
                <button type="submit" class="min-h-11 rounded-md bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900">
                    {t(Msg::Submit)}
                </button>
            </div>
        </form>
        <p role="status" class="mt-4 text-slate-900" data-testid="submitted">{submitted}</p>
    }
}
