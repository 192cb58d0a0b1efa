use leptos::prelude::*;

use super::{
    grid_editor::{EditEnd, GridEditor},
    inventory_grid_cursor::{cell_id, GridCursor},
};
use crate::{
    i18n::tr,
    inventory::{
        viewport::{row_in_slot, ROW_CLASS},
        Column,
    },
};

/// One cell of the grid's row pool: the text of whatever row its slot shows (`row`), its error
/// as a red corner and a hidden text, or the editor (ended through `done`) while it is the
/// active cell being edited.
#[component]
pub fn InventoryGridCell(
    cursor: GridCursor,
    done: Callback<EditEnd>,
    pool_slot: usize,
    column: Column,
    row: Memo<Option<usize>>,
) -> impl IntoView {
    let GridCursor { grid, first, active, editing, draft, selected, .. } = cursor;
    let (slot, c) = (pool_slot, column.index());
    let is_active = Memo::new(move |_| selected.with_value(|s| s.selected(&Some((slot, c)))));
    let show_editor = Memo::new(move |_| is_active.get() && editing.get());
    let error = Memo::new(move |_| {
        row.get().and_then(|i| grid.with(|g| g.rows.get(i).and_then(|r| r.cell_error(column).cloned())))
    });
    view! {
        <td
            id=cell_id(slot, c)
            role="gridcell"
            aria-selected=move || is_active.get().to_string()
            aria-invalid=move || error.with(Option::is_some).to_string()
            // The active cell's outline follows `aria-selected` in the stylesheet: no
            // class to keep in step, and four reactive nodes fewer a cell as the page hydrates.
            class=format!("relative overflow-hidden whitespace-nowrap border-b border-r border-slate-200 px-2 {ROW_CLASS}")
            class:bg-red-50=move || error.with(Option::is_some)
            title=move || error.get().map(|e| tr(&e))
            on:click=move |_| {
                let at = (row_in_slot(first.get_untracked(), slot), c);
                if active.get_untracked() != at { editing.set(false); }
                active.set(at);
                cursor.focus_table();
            }
            on:dblclick=move |_| { active.set((row_in_slot(first.get_untracked(), slot), c)); cursor.start_edit(None); }
        >
            {move || if show_editor.get() {
                view! { <GridEditor column draft done/> }.into_any()
            } else {
                view! {
                    <span class="block overflow-hidden text-ellipsis">
                        {move || row.get().and_then(|i| grid.with(|g| g.rows.get(i).map(|r| r.cells[c].clone())))}
                    </span>
                    {move || error.get().map(|e| view! {
                        <span class="absolute right-0 top-0 h-0 w-0 border-l-8 border-t-8 border-l-transparent border-t-red-700" aria-hidden="true"></span>
                        <span class="sr-only">{tr(&e)}</span>
                    })}
                }.into_any()
            }}
        </td>
    }
}
