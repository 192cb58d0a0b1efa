use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::{AdminContact, OrgAdmins},
    components::{classes, field_error, CaptchaField, FormAlert, OrgPicker},
    i18n::{t, Msg},
    server_fns::LookUpAdmins,
    url::encode_component,
};

/// 機關各系統管理者列表 / 查詢學校主帳號負責人 (SPEC §1): anyone names an organization by OID
/// or school code and, past the CAPTCHA, learns who administers it, office contact masked.
#[component]
pub fn AdminsLookupPage() -> impl IntoView {
    let action = ServerAction::<LookUpAdmins>::new();
    let outcome = action.value();
    let query = use_query_map();
    let initial = query.with_untracked(|m| m.get("org").unwrap_or_default());
    let initial_name = query.with_untracked(|m| m.get("name").unwrap_or_default());
    view! {
        <Title text=t(Msg::AdminsLookupTitle)/>
        <section class="flex flex-col gap-4">
            <h1 class=classes::H1>{t(Msg::AdminsLookupTitle)}</h1>
            <p>{t(Msg::AdminsLookupIntro)}</p>
            <ActionForm action=action attr:class=format!("{} max-w-xl", classes::CARD) attr:novalidate=true attr:data-testid="admins-lookup">
                <OrgPicker id="lookup-org" code_field="org_code" name_field="org_name" initial_code=initial initial_name
                    error=field_error(outcome, "org_code")/>
                <CaptchaField round=action.version() error=field_error(outcome, "captcha")/>
                <FormAlert outcome fields=&["org_code", "captcha"]/>
                <button type="submit" class=format!("{} self-start", classes::BUTTON) disabled=move || action.pending().get()>
                    {t(Msg::AdminsLookupSubmit)}
                </button>
            </ActionForm>
            <div role="status" aria-live="polite">
                {move || outcome.get().and_then(Result::ok).map(|found| view! { <Found found/> })}
            </div>
        </section>
    }
}

#[component]
fn Found(found: OrgAdmins) -> impl IntoView {
    let OrgAdmins { org_name, org_key, admins } = found;
    let request =
        format!("/request-main-account?org={}&name={}", encode_component(&org_key), encode_component(&org_name));
    view! {
        <section class="flex flex-col gap-3" data-testid="admins-found">
            <h2 class="text-xl font-semibold">
                <a href=format!("/org/{}", encode_component(&org_key)) rel="external" class="text-blue-800 underline">{org_name}</a>
            </h2>
            {if admins.is_empty() {
                view! {
                    <div class=classes::CARD>
                        <p>{t(Msg::AdminsLookupNone)}</p>
                        <p><a href=request class="font-semibold text-blue-800 underline">{t(Msg::MainRequestTitle)}</a></p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <ul class="grid gap-3 sm:grid-cols-2">
                        {admins.into_iter().map(|a| view! { <Admin a/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Admin(a: AdminContact) -> impl IntoView {
    let row = |label: Msg, value: String| {
        (!value.is_empty()).then(|| {
            view! {
                <div class="flex flex-wrap gap-x-2">
                    <dt class="font-semibold text-slate-700">{t(label)}</dt>
                    <dd class="break-all">{value}</dd>
                </div>
            }
        })
    };
    let subsystems = a.subsystems.join("、");
    view! {
        <li class=classes::CARD data-testid="admin-contact">
            <p class="text-lg font-semibold">{a.name}<span class="ml-2 rounded bg-blue-100 px-2 py-0.5 text-sm text-blue-900">{t(Msg::AdminsLookupMain)}</span></p>
            <dl class="flex flex-col gap-1 text-sm">
                {row(Msg::ApplyUnit, a.unit)}
                {row(Msg::ApplyJobTitle, a.title)}
                {row(Msg::ApplyOfficePhone, a.phone)}
                {row(Msg::ApplyOfficialEmail, a.email)}
                {row(Msg::AdminsLookupSubsystems, subsystems)}
            </dl>
        </li>
    }
}
