use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::set_status;
use crate::{
    components::{ErrorNotice, Loading, ParentChain},
    directory::{OrgDetail, OrgRef},
    error::AppError,
    i18n::{t, Msg},
    light::LightPage,
    url::encode_component,
};

/// One organization: its codes and contact, where it sits, what is below it, and where a
/// renamed one went. A light page (`crate::light`): links and text only.
#[component]
pub fn OrgPage() -> impl IntoView {
    let params = use_params_map();
    let org = Resource::new(move || params.read().get("key").unwrap_or_default(), crate::server_fns::get_org);
    view! {
        <LightPage>
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match org.await {
                    Ok(detail) => view! { <Detail detail/> }.into_any(),
                    Err(error) => {
                        if error == AppError::NotFound {
                            set_status(404);
                        } else if matches!(error, AppError::Invalid { .. }) {
                            set_status(400);
                        }
                        view! {
                            <Title text=t(Msg::NotFoundTitle)/>
                            <h1 class="mb-4 text-2xl font-bold">{t(Msg::OrgUnavailable)}</h1>
                            <ErrorNotice error/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
        </LightPage>
    }
}

#[component]
fn Detail(detail: OrgDetail) -> impl IntoView {
    let s = detail.summary;
    let tree_href = s.oid.as_ref().map(|o| format!("/directory/tree?at={}", encode_component(o)));
    let admins_href = format!("/who-administers?org={}&name={}", encode_component(&s.key), encode_component(&s.name));
    let row = |label: Msg, value: Option<String>, mono: bool| {
        value.filter(|v| !v.is_empty()).map(|v| {
            view! {
                <div class="grid gap-1 border-t border-slate-200 py-2 first:border-t-0 sm:grid-cols-3">
                    <dt class="font-semibold text-slate-700">{t(label)}</dt>
                    <dd class="break-all sm:col-span-2" class:font-mono=mono>{v}</dd>
                </div>
            }
        })
    };
    view! {
        <Title text=s.name.clone()/>
        <article class="flex flex-col gap-4">
            <header class="flex flex-col gap-1">
                <ParentChain parents=s.parents.clone()/>
                <h1 class="text-2xl font-bold text-slate-900">{s.name.clone()}</h1>
            </header>
            {s.successor.clone().map(|succ| view! {
                <div role="note" class="rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-amber-950">
                    <p class="font-semibold">{t(Msg::OrgSuperseded)}</p>
                    <p>
                        {t(Msg::RenamedTo)} " "
                        <a href=format!("/org/{}", succ.key) class="font-semibold underline" data-testid="successor">{succ.name.clone()}</a>
                        " (" <span class="font-mono">{succ.key.clone()}</span> ")"
                    </p>
                </div>
            })}
            <dl class="rounded-lg border border-slate-200 bg-white px-4">
                {row(Msg::FieldOid, s.oid.clone(), true)}
                {row(Msg::FieldKind, Some(t(s.kind.label()).to_string()), false)}
                {row(Msg::FieldSchoolCode, s.school_code.clone(), true)}
                {row(Msg::FieldAgencyCode, detail.agency_code, true)}
                {row(Msg::FieldCounty, s.county.clone(), false)}
                {row(Msg::FieldAddress, detail.address, false)}
                {row(Msg::FieldPhone, detail.phone, false)}
                {row(Msg::FieldWebsite, detail.website, false)}
                {row(Msg::FieldDn, detail.dn, true)}
            </dl>
            {(!detail.renames.is_empty()).then(|| view! {
                <section class="flex flex-col gap-2">
                    <h2 class="text-lg font-semibold">{t(Msg::OrgRenames)}</h2>
                    <ul class="list-disc pl-6 text-sm">
                        {detail.renames.into_iter().map(|r| view! {
                            <li>
                                {r.change_date.clone().map(|d| format!("{d} "))}
                                <a href=format!("/org/{}", r.old_oid) class="underline">{r.old_name}</a>
                                " → "
                                <a href=format!("/org/{}", r.new_oid) class="underline">{r.new_name}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <section class="flex flex-col gap-2">
                <h2 class="text-lg font-semibold">{t(Msg::OrgChildren)}</h2>
                {if detail.children.is_empty() {
                    view! { <p class="text-slate-700">{t(Msg::OrgNoChildren)}</p> }.into_any()
                } else {
                    view! { <ChildList children=detail.children/> }.into_any()
                }}
                {tree_href.map(|href| view! {
                    <p><a href=href class="text-blue-800 underline">{t(Msg::OrgShowInTree)}</a></p>
                })}
                <p><a href=admins_href class="text-blue-800 underline">{t(Msg::AdminsLookupLink)}</a></p>
            </section>
        </article>
    }
}

#[component]
fn ChildList(children: Vec<OrgRef>) -> impl IntoView {
    view! {
        <ul class="grid gap-x-4 rounded-lg border border-slate-200 bg-white px-4 py-2 sm:grid-cols-2" data-testid="children">
            {children.into_iter().map(|c| view! {
                <li class="py-1">
                    <a href=format!("/org/{}", c.key) class="text-blue-800 underline-offset-2 hover:underline">{c.name}</a>
                </li>
            }).collect_view()}
        </ul>
    }
}
