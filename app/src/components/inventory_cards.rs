use leptos::prelude::*;

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
        view! {
            <li class=classes::CARD data-testid="inventory-card">
                <h3 class="font-semibold">
                    {LocalText::new(Msg::InvCardTitle).arg("row", vi + 1).render(locale)}
                    " "
                    {move || grid.with(|g| g.row(key).map(|r| r.cells[Column::SystemName.index()].clone()).unwrap_or_default())}
                </h3>
                {Column::ALL.into_iter().map(field).collect_view()}
            </li>
        }
    };
    view! {
        <ul class="flex flex-col gap-3">
            {move || {
                let start = page.get() * PER_PAGE;
                let keys: Vec<(usize, u64)> = rows.with(|r| grid.with_untracked(|g| {
                    r.iter().enumerate().skip(start).take(PER_PAGE).filter_map(|(vi, i)| g.rows.get(*i).map(|row| (vi, row.key))).collect()
                }));
                keys.into_iter().map(|(vi, key)| card(vi, key)).collect_view()
            }}
        </ul>
        <nav aria-label=t(Msg::Pagination) class="flex items-center justify-between gap-2">
            <button type="button" class=classes::SECONDARY_BUTTON disabled=move || page.get() == 0
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{t(Msg::PreviousPage)}</button>
            <span>{move || LocalText::new(Msg::PageOf).arg("page", page.get() + 1).arg("pages", pages()).render(locale)}</span>
            <button type="button" class=classes::SECONDARY_BUTTON disabled=move || page.get() + 1 >= pages()
                on:click=move |_| page.update(|p| *p += 1)>{t(Msg::NextPage)}</button>
        </nav>
    }
}
