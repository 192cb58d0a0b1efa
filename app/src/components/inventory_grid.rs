use leptos::{html, prelude::*};

use super::{
    inventory_grid_cursor::{cell_id, GridCursor},
    inventory_grid_header::InventoryGridHeader,
    inventory_grid_row::InventoryGridRow,
};
use crate::{
    i18n::{t, use_locale, Msg},
    inventory::{
        grid::Grid,
        viewport::{self, TABLE_WIDTH_CLASS},
        Column, COLUMN_COUNT,
    },
    window_size::tallest_window,
};

/// Sets a spacer row's height through the CSSOM, which a strict style-src allows (an inline
/// `style` attribute it refuses). Called from an effect, so only in the browser.
fn set_spacer_height(row: Option<leptos::web_sys::HtmlTableRowElement>, px: f64) {
    if let Some(row) = row {
        // `HtmlElement::style` by name: leptos' `ElementExt` has a `style` method too.
        let _ = leptos::web_sys::HtmlElement::style(&row).set_property("height", &format!("{px}px"));
    }
}

/// The spreadsheet-like grid: only the rows in view are in the page, so 10,000 rows scroll
/// as smoothly as 10. Keyboard: arrows, Tab, Enter, Home/End, PageUp/PageDown; Enter or F2 or
/// typing edits; Delete clears; Ctrl+Z and Ctrl+Y undo and redo; a block pasted from a
/// spreadsheet fills from the active cell (`GridCursor`). Screen readers hear the active cell
/// (through `aria-activedescendant`) with its error, and every new error through `announce`.
#[component]
pub fn InventoryGrid(
    grid: RwSignal<Grid>,
    rows: Memo<Vec<usize>>,
    #[prop(into)] editable: Signal<bool>,
    sort: RwSignal<Option<(Column, bool)>>,
    announce: RwSignal<String>,
) -> impl IntoView {
    let active = RwSignal::new((0usize, Column::SystemName.index()));
    let scroll_top = RwSignal::new(0.0f64);
    let count = move || rows.with(|r| r.len());
    let tallest = tallest_window();
    let pool = Memo::new(move |_| viewport::pool_size(tallest.get()));
    let first = Memo::new(move |_| viewport::first_row(scroll_top.get()));
    let last = Memo::new(move |_| viewport::end_row(first.get(), pool.get(), count()));
    let top_spacer = NodeRef::<html::Tr>::new();
    let bottom_spacer = NodeRef::<html::Tr>::new();
    Effect::new(move |_| {
        let (top, bottom) = viewport::spacer_heights(first.get(), last.get(), count());
        set_spacer_height(top_spacer.get(), top);
        set_spacer_height(bottom_spacer.get(), bottom);
    });

    // A fixed pool of rows, recycled as the view scrolls (`viewport`: slot `s` shows the row
    // `first + s`). Scrolling then changes the texts of the same few rows and creates no
    // element, and each cell listens to its own row's slot only (rebuilding 50 rows of 22 cells
    // a frame, or updating every cell's id and state, made a scroll run at 5 to 8 frames a
    // second). Ids are by slot, so that they do not change as the rows scroll; the active cell
    // is found by its slot.
    let active_slot = move || {
        let (vi, c) = active.get();
        viewport::slot_of(vi, first.get(), pool.get()).map(|slot| (slot, c))
    };
    let cursor = GridCursor {
        grid,
        rows,
        editable,
        announce,
        locale: use_locale(),
        first,
        active,
        editing: RwSignal::new(false),
        draft: RwSignal::new(String::new()),
        // Each cell hears only whether it became or stopped being the active one.
        selected: StoredValue::new(Selector::new(active_slot)),
        scroller: NodeRef::new(),
        table: NodeRef::new(),
    };
    let done = Callback::new(move |end| cursor.finish(end));

    // Made again only when the window outgrows the pool (`tallest_window` only grows).
    let body_rows = move || {
        (0..pool.get())
            .map(|slot| {
                // The grid row this slot shows: none past the sheet's last row, where the slot is
                // made or dropped only when the sheet grows or shrinks past it, never by a scroll.
                let row = Memo::new(move |_| rows.with(|r| r.get(viewport::row_in_slot(first.get(), slot)).copied()));
                let present = Memo::new(move |_| row.with(Option::is_some));
                move || present.get().then(|| view! { <InventoryGridRow cursor done pool_slot=slot row/> })
            })
            .collect_view()
    };

    view! {
        <div
            node_ref=cursor.scroller
            class="no-scroll-anchor relative max-h-[70vh] overflow-auto rounded-lg border border-slate-300 bg-white"
            on:scroll=move |_| {
                if let Some(el) = cursor.scroller.get_untracked() {
                    scroll_top.set(el.scroll_top() as f64);
                }
            }
            data-testid="grid-scroller"
        >
            <table
                node_ref=cursor.table
                role="grid"
                tabindex="0"
                aria-label=t(Msg::InvTitle)
                aria-rowcount=move || count() + 1
                aria-colcount=COLUMN_COUNT + 1
                aria-activedescendant=move || active_slot().map(|(slot, c)| cell_id(slot, c))
                class=format!("table-fixed border-separate border-spacing-0 text-sm focus:outline-none focus-visible:ring-4 focus-visible:ring-blue-300 {TABLE_WIDTH_CLASS}")
                on:keydown=move |ev| cursor.key_down(ev)
                on:paste=move |ev| cursor.paste(ev)
                data-testid="grid"
            >
                <InventoryGridHeader sort/>
                <tbody>
                    // The rows above and below the drawn ones are two spacers as tall as the rows
                    // they stand for, so the scrollbar and the wheel reach every row.
                    <tr node_ref=top_spacer aria-hidden="true" data-testid="grid-spacer"></tr>
                    {body_rows}
                    <tr node_ref=bottom_spacer aria-hidden="true" data-testid="grid-spacer"></tr>
                </tbody>
            </table>
        </div>
    }
}
