use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    accounts::{AdminContact, OrgAdmins},
    components::{classes, field_error, CaptchaField, FormAlert, Loading, TextField},
    directory::OrgSummary,
    i18n::{t, use_locale, Msg},
    light::{answered, error_field, posted_outcome, posted_value, Asset, LightPage, LightScript},
    server_fns::search_orgs,
    url::{encode_component, query_string},
};

/// How many organizations a search offers to choose from.
const CHOICES: usize = 8;
const FIELDS: &[&str] = &["org_code", "captcha"];

/// 機關各系統管理者列表 / 查詢學校主帳號負責人 (SPEC §1): anyone names an organization by OID
/// or school code and, past the CAPTCHA, learns who administers it, office contact masked. A
/// light page (`crate::light`): a search by name (a plain GET, `?q=`) offers organizations
/// whose links fill the form (`?org=&name=`, as the organization page links here); the form
/// posts to `/who-administers`, which answers with this page and what it found.
#[component]
pub fn AdminsLookupPage() -> impl IntoView {
    let query = use_query_map();
    let (q, org, name) = query.with_untracked(|m| {
        (m.get("q").unwrap_or_default(), m.get("org").unwrap_or_default(), m.get("name").unwrap_or_default())
    });
    let outcome = posted_outcome::<OrgAdmins>("lookup");
    let posted = |field: &str, or: String| Some(posted_value(field)).filter(|v| !v.is_empty()).unwrap_or(or);
    let code = RwSignal::new(posted("org_code", org));
    let name = RwSignal::new(posted("org_name", name));
    // Back to the same address, so that the search's choices stay beside the answer.
    let action = query.with_untracked(|m| {
        let pairs: Vec<(&str, String)> =
            ["q", "org", "name"].into_iter().filter_map(|k| m.get(k).map(|v| (k, v))).collect();
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        match pairs.is_empty() {
            true => "/who-administers".to_string(),
            false => format!("/who-administers?{}", query_string(&pairs)),
        }
    });
    let focus = error_field("lookup", FIELDS);
    view! {
        <LightPage>
            <Title text=t(Msg::AdminsLookupTitle)/>
            <section class="flex flex-col gap-4">
                <h1 class=classes::H1>{t(Msg::AdminsLookupTitle)}</h1>
                <p>{t(Msg::AdminsLookupIntro)}</p>
                <OrgSearch q=q.clone()/>
                <form method="post" action=action class=format!("{} max-w-xl", classes::CARD) novalidate=true data-testid="admins-lookup">
                    <div class="grid gap-3 sm:grid-cols-2">
                        <TextField id="lookup-org-code" name="org_code" label=Msg::FieldOrgCode value=code
                            error=field_error(outcome, "org_code") mono=true required=true autofocus=focus == Some("org_code")/>
                        <TextField id="lookup-org-name" name="org_name" label=Msg::FieldOrgName value=name/>
                    </div>
                    <CaptchaField error=field_error(outcome, "captcha")/>
                    <FormAlert outcome fields=FIELDS/>
                    <button type="submit" class=format!("{} self-start", classes::BUTTON)>{t(Msg::AdminsLookupSubmit)}</button>
                </form>
                <div role="status">
                    {answered::<OrgAdmins>().map(|found| view! { <Found found/> })}
                </div>
            </section>
            <LightScript script=Asset::Captcha/>
        </LightPage>
    }
}

/// The search that finds an organization by name, OID or school code: a plain GET to this
/// page, whose answer lists the organizations found, each a link that fills the form.
#[component]
fn OrgSearch(q: String) -> impl IntoView {
    let locale = use_locale();
    let asked = q.trim().to_string();
    let searched = !asked.is_empty();
    let found = Resource::new(
        move || asked.clone(),
        |q| async move {
            match q.is_empty() {
                true => Ok(Vec::new()),
                false => search_orgs(q, Some(CHOICES)).await,
            }
        },
    );
    view! {
        <form method="get" action="/who-administers" role="search" class=format!("{} max-w-xl", classes::CARD) data-testid="org-search">
            <label for="org-search" class="font-semibold text-slate-900">{t(Msg::PickerLabel)}</label>
            <div class="flex flex-wrap gap-2">
                <input id="org-search" name="q" type="search" value=q.clone() autocomplete="off" aria-describedby="org-search-hint"
                    class="min-h-11 min-w-0 flex-1 rounded-md border border-slate-500 bg-white px-3 py-2 text-base"/>
                <button type="submit" class=classes::SECONDARY_BUTTON>{t(Msg::PickerSearch)}</button>
            </div>
            <p id="org-search-hint" class="text-sm text-slate-600">{t(Msg::PickerSearchHint)}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(orgs) if orgs.is_empty() => searched.then(|| view! { <p role="status">{t(Msg::NoResults)}</p> }.into_any()),
                        Ok(orgs) => Some(view! { <Choices orgs/> }.into_any()),
                        Err(e) => Some(view! { <p role="alert" class="text-sm font-semibold text-red-800">{e.message().render(locale)}</p> }.into_any()),
                    }
                })}
            </Suspense>
        </form>
    }
}

#[component]
fn Choices(orgs: Vec<OrgSummary>) -> impl IntoView {
    view! {
        <ul class="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200" aria-label=t(Msg::PickerChoices) data-testid="org-choices">
            {orgs.into_iter().map(|org| {
                let code = org.oid.clone().or(org.school_code.clone()).unwrap_or_default();
                let href = format!("/who-administers?{}", query_string(&[("org", &code), ("name", &org.name)]));
                view! {
                    <li>
                        <a href=href class="flex flex-col px-3 py-2 no-underline hover:bg-blue-50">
                            <span class="font-semibold text-blue-800 underline">{org.name}</span>
                            <span class="font-mono text-sm text-slate-700">{code}</span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
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
