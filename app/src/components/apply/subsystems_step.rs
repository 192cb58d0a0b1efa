use leptos::prelude::*;

use crate::{
    accounts::{ApplicationKind, ApplicationView},
    components::{classes, field_error, FormAlert},
    i18n::{t, tr, LocalText, Msg},
    server_fns::ChooseSubsystems,
};

/// Step 4, 系統帳號權限申請: a 使用權限 checkbox per subsystem, how many admins can review now,
/// and the kind of account. With no admin in the organization a general user's application
/// has nobody to review it, so the page says so and offers the admin's application instead.
#[component]
pub fn SubsystemsStep(view: ApplicationView, action: ServerAction<ChooseSubsystems>) -> impl IntoView {
    let outcome = action.value();
    let no_admins = view.reviewers == 0;
    let admins_full = view.reviewers >= view.max_admins;
    let kind = view.kind.unwrap_or(if no_admins { ApplicationKind::OrgAdmin } else { ApplicationKind::User });
    // With a single subsystem there is nothing to choose between: it starts ticked.
    let only_one = view.subsystems.len() == 1;
    let boxes = view
        .subsystems
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let id = format!("subsystem-{}", s.code);
            let checked = view.chosen.contains(&s.code) || (view.chosen.is_empty() && only_one);
            view! {
                <li class="flex items-start gap-3 rounded-md border border-slate-200 p-3">
                    <input type="checkbox" id=id.clone() name=format!("subsystems[{i}]") value=s.code.clone() checked=checked
                        class="mt-1 h-5 w-5 shrink-0"/>
                    <label for=id class="flex flex-col">
                        <span class="font-semibold">{s.name.clone()}" · "{t(Msg::ApplyUsePermission)}</span>
                        <span class="text-sm text-slate-700">{s.description.clone()}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let reviewers = LocalText::new(Msg::ApplyReviewersCount).arg("count", view.reviewers);
    let full = LocalText::new(Msg::ApplyAdminsFull).arg("max", view.max_admins);
    let subsystems_error = field_error(outcome, "subsystems");
    let kind_error = field_error(outcome, "kind");
    view! {
        <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
            <h2 class="text-xl font-bold">{t(Msg::ApplyStepSubsystems)}</h2>
            <fieldset class="flex flex-col gap-2" aria-describedby="subsystems-error">
                <legend class="mb-2 font-semibold">{t(Msg::ApplySubsystemsLegend)}</legend>
                <ul class="flex flex-col gap-2">{boxes}</ul>
                <p id="subsystems-error" class="font-semibold text-red-800" aria-live="polite">{move || subsystems_error.get().map(|m| tr(&m))}</p>
            </fieldset>
            <fieldset class="flex flex-col gap-2" aria-describedby="kind-error">
                <legend class="mb-2 font-semibold">{t(Msg::ApplyKindLegend)}</legend>
                <p class="text-sm" data-testid="reviewers">{tr(&reviewers)}</p>
                {no_admins.then(|| view! {
                    <p class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">{t(Msg::ApplyNoAdmins)}</p>
                })}
                <label class="flex items-start gap-3">
                    <input type="radio" name="kind" value="user" checked=kind == ApplicationKind::User disabled=no_admins class="mt-1 h-5 w-5"/>
                    <span><span class="font-semibold">{t(Msg::ApplyKindUser)}</span><br/><span class="text-sm text-slate-700">{t(Msg::ApplyKindUserHint)}</span></span>
                </label>
                <label class="flex items-start gap-3">
                    <input type="radio" name="kind" value="org_admin" checked=kind == ApplicationKind::OrgAdmin disabled=admins_full class="mt-1 h-5 w-5"/>
                    <span>
                        <span class="font-semibold">{t(Msg::ApplyKindOrgAdmin)}</span><br/>
                        <span class="text-sm text-slate-700">
                            {if admins_full { tr(&full) } else { t(Msg::ApplyKindOrgAdminHint).to_string() }}
                        </span>
                    </span>
                </label>
                <p id="kind-error" class="font-semibold text-red-800" aria-live="polite">{move || kind_error.get().map(|m| tr(&m))}</p>
            </fieldset>
            <FormAlert outcome fields=&["subsystems", "kind"]/>
            <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::Next)}</button>
        </ActionForm>
    }
}
