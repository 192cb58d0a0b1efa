use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{ErrorNotice, Loading},
    directory::{TreeLevel, TreeNode},
    i18n::{t, use_locale, LocalText, Msg},
    server_fns::browse_tree,
    url::encode_component,
};

fn level_href(oid: &str) -> String {
    format!("/directory/tree?at={}", encode_component(oid))
}

/// 機關樹: the children of one OID arc, with breadcrumbs back up. Every step is a link, so
/// it browses without the wasm too.
#[component]
pub fn TreePage() -> impl IntoView {
    let query = use_query_map();
    let level = Resource::new(move || query.read().get("at"), browse_tree);
    view! {
        <Title text=t(Msg::NavTree)/>
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t(Msg::NavTree)}</h1>
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match level.await {
                    Ok(level) => view! { <Level level/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Level(level: TreeLevel) -> impl IntoView {
    let last = level.crumbs.len().saturating_sub(1);
    let here = level.crumbs.last().cloned();
    view! {
        <nav aria-label=t(Msg::BreadcrumbLabel) class="mb-4">
            <ol class="flex flex-wrap items-center gap-x-1 gap-y-1 text-sm">
                <li>
                    {if level.crumbs.is_empty() {
                        view! { <span aria-current="page" class="font-semibold">{t(Msg::TreeTop)}</span> }.into_any()
                    } else {
                        view! { <a href="/directory/tree" class="text-blue-800 underline">{t(Msg::TreeTop)}</a> }.into_any()
                    }}
                </li>
                {level.crumbs.into_iter().enumerate().map(|(i, c)| view! {
                    <li class="flex items-center gap-1">
                        <span aria-hidden="true" class="text-slate-500">"›"</span>
                        {if i == last {
                            view! { <span aria-current="page" class="font-semibold">{c.label}</span> }.into_any()
                        } else {
                            view! { <a href=level_href(&c.oid) class="text-blue-800 underline">{c.label}</a> }.into_any()
                        }}
                    </li>
                }).collect_view()}
            </ol>
        </nav>
        {here.filter(|_| level.at_is_org).map(|c| view! {
            <p class="mb-3 text-sm">
                <a href=format!("/org/{}", c.oid) rel="external" class="text-blue-800 underline">{t(Msg::TreeOpenOrg)} " " {c.label}</a>
            </p>
        })}
        {if level.nodes.is_empty() {
            view! { <p class="text-slate-700">{t(Msg::TreeEmpty)}</p> }.into_any()
        } else {
            view! {
                <ul class="rounded-lg border border-slate-200 bg-white" data-testid="tree">
                    {level.nodes.into_iter().map(|node| view! { <NodeItem node/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn NodeItem(node: TreeNode) -> impl IntoView {
    let locale = use_locale();
    let count = LocalText::new(Msg::TreeChildCount).arg("count", node.child_count).render(locale);
    let primary = if node.is_org { format!("/org/{}", node.oid) } else { level_href(&node.oid) };
    view! {
        <li class="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-4 py-3 first:border-t-0">
            <div class="flex min-w-0 flex-col">
                // An organization's page is a light page (`crate::light`), loaded whole.
                <a href=primary rel=node.is_org.then_some("external") class="font-semibold text-blue-800 underline-offset-2 hover:underline">{node.label.clone()}</a>
                <span class="font-mono text-xs text-slate-600 break-all">{node.oid.clone()}</span>
            </div>
            {(node.child_count > 0).then(|| view! {
                <a href=level_href(&node.oid) class="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:border-blue-700"
                    aria-label=format!("{} {}", node.label, count)>
                    {count.clone()}
                </a>
            })}
        </li>
    }
}
