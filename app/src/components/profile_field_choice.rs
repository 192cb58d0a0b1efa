use leptos::prelude::*;

use crate::{
    i18n::{t, Msg},
    provider::ProfileField,
};

/// The profile fields a subsystem may receive, a checkbox each (named as the 同意授權 page
/// names them, with the claim's code beside). What is sent is the hidden `fields`: the codes,
/// space-separated, kept in step with the boxes.
#[component]
pub fn ProfileFieldChoice(
    /// The codes as stored (`ProfileField::list`).
    fields: RwSignal<String>,
) -> impl IntoView {
    let toggle = move |field: ProfileField, on: bool| {
        fields.update(|list| {
            let mut chosen = ProfileField::parse_list(list);
            chosen.retain(|f| *f != field);
            if on {
                chosen.push(field);
            }
            *list = ProfileField::list(&chosen);
        });
    };
    view! {
        <fieldset class="flex flex-col gap-2" aria-describedby="fields-hint">
            <legend class="mb-1 font-semibold text-slate-900">{t(Msg::SubsystemsFields)}</legend>
            <p id="fields-hint" class="text-sm text-slate-700">{t(Msg::SubsystemsFieldsHint)}</p>
            <input type="hidden" name="fields" value=move || fields.get()/>
            <div class="grid gap-x-4 gap-y-1 sm:grid-cols-2">
                {ProfileField::ALL.into_iter().map(|field| {
                    let id = format!("field-{}", field.code());
                    let label_for = id.clone();
                    let chosen = move || fields.with(|l| ProfileField::parse_list(l).contains(&field));
                    view! {
                        <label for=label_for class="flex min-h-11 cursor-pointer items-center gap-2">
                            <input type="checkbox" id=id class="h-5 w-5 shrink-0"
                                checked=fields.with_untracked(|l| ProfileField::parse_list(l).contains(&field)) prop:checked=chosen
                                on:change=move |ev| toggle(field, event_target_checked(&ev))/>
                            <span>{t(field.label())}</span>
                            <span class="font-mono text-sm text-slate-600">{field.code()}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}
