use leptos::prelude::*;

use super::ParentChain;
use crate::{
    directory::{OrgSummary, DEFAULT_LIMIT},
    i18n::{t, use_locale, LocalText, Msg},
};

/// Search results: each organization with its codes, its parent chain and, when renamed, a
/// link to its successor.
#[component]
pub fn OrgResultList(results: Vec<OrgSummary>) -> impl IntoView {
    let locale = use_locale();
    // A full page means there may be more: say so, rather than a count that looks final.
    let msg = if results.len() >= DEFAULT_LIMIT { Msg::ResultCountCapped } else { Msg::ResultCount };
    let count = LocalText::new(msg).arg("count", results.len()).render(locale);
    view! {
        <p class="mb-2 text-sm text-slate-700" role="status">{count}</p>
        <ul class="rounded-lg border border-slate-200 bg-white" data-testid="results">
            {results.into_iter().map(|org| view! { <ResultItem org/> }).collect_view()}
        </ul>
    }
}

#[component]
fn ResultItem(org: OrgSummary) -> impl IntoView {
    view! {
        <li class="flex flex-col gap-1 border-t border-slate-200 px-4 py-3 first:border-t-0">
            <div class="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <a href=format!("/org/{}", org.key) rel="external" data-testid="result-name" class="text-base font-semibold text-blue-800 underline-offset-2 hover:underline">
                    {org.name.clone()}
                </a>
                <span class="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t(org.kind.label())}</span>
                {org.county.clone().map(|c| view! { <span class="text-xs text-slate-600">{c}</span> })}
            </div>
            <dl class="flex flex-wrap gap-x-4 text-sm text-slate-700">
                {org.oid.clone().map(|oid| view! {
                    <div class="flex gap-1"><dt>"OID"</dt><dd class="font-mono break-all">{oid}</dd></div>
                })}
                {org.school_code.clone().map(|code| view! {
                    <div class="flex gap-1"><dt>{t(Msg::FieldSchoolCode)}</dt><dd class="font-mono">{code}</dd></div>
                })}
            </dl>
            <ParentChain parents=org.parents.clone()/>
            {org.successor.clone().map(|s| view! {
                <p class="text-sm text-amber-900">
                    {t(Msg::RenamedTo)} " "
                    <a href=format!("/org/{}", s.key) rel="external" class="font-semibold text-amber-900 underline">{s.name}</a>
                </p>
            })}
        </li>
    }
}
