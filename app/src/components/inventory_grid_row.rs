use leptos::prelude::*;

use super::{grid_editor::EditEnd, inventory_grid_cell::InventoryGridCell, inventory_grid_cursor::GridCursor};
use crate::inventory::{
    viewport::{row_in_slot, NUMBER_CLASS, ROW_CLASS},
    Column,
};

/// One row of the grid's pool: slot `pool_slot` shows the row `first + pool_slot` of the view, which is
/// `row` in the grid. Scrolling changes the number and the cells' texts, never the elements.
#[component]
pub fn InventoryGridRow(
    cursor: GridCursor,
    done: Callback<EditEnd>,
    pool_slot: usize,
    row: Memo<Option<usize>>,
) -> impl IntoView {
    let first = cursor.first;
    view! {
        <tr aria-rowindex=move || row_in_slot(first.get(), pool_slot) + 2 data-testid="grid-row">
            <th
                scope="row"
                class=format!("sticky left-0 z-[5] border-b border-r border-slate-300 bg-slate-50 px-2 text-right font-mono text-sm font-normal text-slate-700 {NUMBER_CLASS} {ROW_CLASS}")
            >
                {move || row_in_slot(first.get(), pool_slot) + 1}
            </th>
            {Column::ALL.into_iter().map(|column| view! { <InventoryGridCell cursor done pool_slot column row/> }).collect_view()}
        </tr>
    }
}
