use leptos::prelude::*;

use crate::{
    i18n::{t, Msg},
    inventory::{
        viewport::{width, Width, HEADER_CLASS, NUMBER_CLASS},
        Column,
    },
};

/// The grid's sticky header row: the row-number corner and a button per column that sorts by
/// it, ascending, then descending, then not at all.
#[component]
pub fn InventoryGridHeader(sort: RwSignal<Option<(Column, bool)>>) -> impl IntoView {
    let header = move |c: Column| {
        let state = move || sort.get().filter(|(s, _)| *s == c).map(|(_, asc)| asc);
        view! {
            <th
                scope="col"
                class=format!(
                    "sticky top-0 z-10 border-b border-r border-slate-300 bg-slate-100 p-0 text-left align-top text-sm font-semibold {HEADER_CLASS} {}",
                    Width::of(c).class()
                )
                data-min-width=width(c)
                aria-sort=move || match state() { Some(true) => "ascending", Some(false) => "descending", None => "none" }
            >
                <button
                    type="button"
                    tabindex="-1"
                    class="flex h-full w-full cursor-pointer items-start gap-1 px-2 py-1 text-left leading-tight"
                    on:click=move |_| sort.update(|s| *s = match s { Some((x, true)) if *x == c => Some((c, false)), Some((x, false)) if *x == c => None, _ => Some((c, true)) })
                >
                    <span>{t(c.label())}</span>
                    <span aria-hidden="true">{move || match state() { Some(true) => "▲", Some(false) => "▼", None => "" }}</span>
                </button>
            </th>
        }
    };
    view! {
        <thead>
            <tr aria-rowindex="1">
                <th scope="col" class=format!("sticky left-0 top-0 z-20 border-b border-r border-slate-300 bg-slate-100 text-sm {NUMBER_CLASS} {HEADER_CLASS}")>
                    <span class="sr-only">{t(Msg::InvRowNumber)}</span>"#"
                </th>
                {Column::ALL.into_iter().map(header).collect_view()}
            </tr>
        </thead>
    }
}
