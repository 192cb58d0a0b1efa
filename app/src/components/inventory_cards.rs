use leptos::{html, prelude::*};

use super::{authority_name::fill_authority_name, classes};
use crate::{
    i18n::{t, tr, use_locale, LocalText, Msg},
    inventory::{grid::Grid, Column, Kind},
};

const PER_PAGE: usize = 10;

/// The inventory on a phone: one card per row, every column a labelled field with its error
/// under it, ten rows a page. Edits go into the same grid model as the table's, so the rules,
/// undo and save are the same.
#[component]
pub fn InventoryCards(
    grid: RwSignal<Grid>,
    rows: Memo<Vec<usize>>,
    #[prop(into)] editable: Signal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let page = RwSignal::new(0usize);
    let pages = move || rows.with(|r| r.len().div_ceil(PER_PAGE).max(1));
    // A filter that shrinks the view brings the page back into range.
    Effect::new(move |_| {
        let last = pages() - 1;
        if page.get_untracked() > last {
            page.set(last);
        }
    });
    let card = move |vi: usize, key: u64| {
        let field = move |column: Column| {
            let id = format!("card-{key}-{}", column.index());
            let error_id = format!("{id}-error");
            let value = move || grid.with(|g| g.row(key).map(|r| r.cells[column.index()].clone()).unwrap_or_default());
            let error = move || grid.with(|g| g.row(key).and_then(|r| r.error(column).cloned()));
            let set = move |text: String| {
                grid.update(|g| g.set(key, column, &text));
                fill_authority_name(grid, key, column);
            };
            let control = match column.kind() {
                Kind::Choice(values) => view! {
                    <select id=id.clone() class="min-h-11 rounded-md border border-slate-500 bg-white px-2" disabled=move || !editable.get()
                        aria-invalid=move || error().is_some().to_string() aria-describedby=error_id.clone()
                        on:change=move |ev| set(event_target_value(&ev))>
                        <option value="" selected=move || value().is_empty()>""</option>
                        {values.iter().map(|v| {
                            let v = *v;
                            view! { <option value=v selected=move || value() == v>{v}</option> }
                        }).collect_view()}
                    </select>
                }.into_any(),
                _ => view! {
                    <input id=id.clone() type="text" class="min-h-11 rounded-md border border-slate-500 px-2" disabled=move || !editable.get()
                        inputmode=if matches!(column.kind(), Kind::Hours) { "numeric" } else { "text" }
                        aria-invalid=move || error().is_some().to_string() aria-describedby=error_id.clone()
                        prop:value=value on:change=move |ev| set(event_target_value(&ev))/>
                }.into_any(),
            };
            view! {
                <div class="flex flex-col gap-1">
                    <label for=id class="text-sm font-semibold">{t(column.label())}</label>
                    {control}
                    <p id=format!("card-{key}-{}-error", column.index()) class="text-sm font-semibold text-red-800">{move || error().map(|e| tr(&e))}</p>
                </div>
            }
        };
        // A card shows its row in one line; its fields unfold on demand, so that a page of ten
        // rows is ten lines, not ten screens. New rows and rows with errors start unfolded.
        let (open, summary) = grid.with_untracked(|g| {
            g.row(key)
                .map(|r| {
                    let summary = [Column::Attribute, Column::Version, Column::BuildMethod, Column::ProtectionLevel]
                        .iter()
                        .map(|c| r.cells[c.index()].as_str())
                        .filter(|v| !v.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    (r.stored.is_none() || r.has_errors(), summary)
                })
                .unwrap_or_default()
        });
        let errors = move || {
            grid.with(|g| {
                g.row(key).map(|r| Column::ALL.iter().filter(|c| r.error(**c).is_some()).count()).unwrap_or(0)
            })
        };
        view! {
            <li class=classes::CARD data-testid="inventory-card">
                <div class="flex flex-col gap-1">
                    <h3 class="font-semibold">
                        {LocalText::new(Msg::InvCardTitle).arg("row", vi + 1).render(locale)}
                        " "
                        {move || grid.with(|g| g.row(key).map(|r| r.cells[Column::SystemName.index()].clone()).unwrap_or_default())}
                    </h3>
                    <p class="text-sm text-slate-700">{summary}</p>
                    {move || (errors() > 0).then(|| view! {
                        <p class="text-sm font-semibold text-red-800">{LocalText::new(Msg::InvCardErrors).arg("count", errors()).render(locale)}</p>
                    })}
                </div>
                <details open=open>
                    <summary class="min-h-11 cursor-pointer py-2 font-semibold text-blue-900">{t(Msg::InvCardFields)}</summary>
                    <div class="mt-2 flex flex-col gap-4">
                        {Column::ALL.into_iter().map(field).collect_view()}
                    </div>
                </details>
            </li>
        }
    };
    // Turning the page brings the reader to the first card of the new page, as a book would.
    let list = NodeRef::<html::Ul>::new();
    let on_first = Signal::derive(move || page.get() == 0);
    let on_last = Signal::derive(move || page.get() + 1 >= pages());
    view! {
        <ul node_ref=list class="flex scroll-mt-4 flex-col gap-3">
            {move || {
                let start = page.get() * PER_PAGE;
                let keys: Vec<(usize, u64)> = rows.with(|r| grid.with_untracked(|g| {
                    r.iter().enumerate().skip(start).take(PER_PAGE).filter_map(|(vi, i)| g.rows.get(*i).map(|row| (vi, row.key))).collect()
                }));
                keys.into_iter().map(|(vi, key)| card(vi, key)).collect_view()
            }}
        </ul>
        <nav aria-label=t(Msg::Pagination) class="flex flex-col gap-2" data-testid="card-pager">
            <p class="text-center" aria-live="polite">{move || LocalText::new(Msg::PageOf).arg("page", page.get() + 1).arg("pages", pages()).render(locale)}</p>
            <div class="grid grid-cols-2 gap-2">
                {turn(Msg::PreviousPage, on_first, page, list, move || page.get_untracked().saturating_sub(1))}
                {turn(Msg::NextPage, on_last, page, list, move || page.get_untracked() + 1)}
                {turn(Msg::FirstPage, on_first, page, list, || 0)}
                {turn(Msg::LastPage, on_last, page, list, move || pages() - 1)}
            </div>
        </nav>
    }
}

/// A pager button: goes to the page `target` gives and brings the first card of it into view.
fn turn(
    label: Msg,
    disabled: Signal<bool>,
    page: RwSignal<usize>,
    list: NodeRef<html::Ul>,
    target: impl Fn() -> usize + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <button type="button" class=classes::SECONDARY_BUTTON disabled=disabled
            on:click=move |_| {
                page.set(target());
                if let Some(list) = list.get_untracked() {
                    list.scroll_into_view();
                }
            }>
            {t(label)}
        </button>
    }
}
