use leptos::{html, prelude::*};

use super::{
    authority_name::fill_authority_name,
    grid_editor::{EditEnd, GridEditor},
};
use crate::{
    i18n::{t, tr, use_locale, LocalText, Msg},
    inventory::{
        grid::Grid,
        keys::{self, Action, Press},
        Column, Kind, COLUMN_COUNT,
    },
};

/// Rows are one line high, so the rows in view follow from the scroll position alone.
const ROW_HEIGHT: f64 = 40.0;
/// Rows drawn above and below the visible ones, so a fast scroll does not show blanks.
const OVERSCAN: usize = 10;
/// Rows a screen holds at most (the box is at most 70% of a tall window).
const SCREEN_ROWS: usize = 30;
const HEADER_HEIGHT: f64 = 72.0;
const NUMBER_WIDTH: f64 = 56.0;

fn width(column: Column) -> f64 {
    match column.kind() {
        Kind::Choice(_) => 112.0,
        _ if matches!(column, Column::BaselineNote | Column::Remarks) => 240.0,
        Kind::Hours => 112.0,
        _ => 176.0,
    }
}

fn cell_id(row: usize, column: usize) -> String {
    format!("inv-cell-{row}-{column}")
}

/// The spreadsheet-like grid: only the rows in view are in the page, so 10,000 rows scroll
/// as smoothly as 10. Keyboard: arrows, Tab, Enter, Home/End, PageUp/PageDown; Enter or F2 or
/// typing edits; Delete clears; Ctrl+Z and Ctrl+Y undo and redo; a block pasted from a
/// spreadsheet fills from the active cell. Screen readers hear the active cell (through
/// `aria-activedescendant`) with its error, and every new error through `announce`.
#[component]
pub fn InventoryGrid(
    grid: RwSignal<Grid>,
    rows: Memo<Vec<usize>>,
    #[prop(into)] editable: Signal<bool>,
    sort: RwSignal<Option<(Column, bool)>>,
    announce: RwSignal<String>,
) -> impl IntoView {
    let locale = use_locale();
    let active = RwSignal::new((0usize, Column::SystemName.index()));
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let scroll_top = RwSignal::new(0.0f64);
    let scroller = NodeRef::<html::Div>::new();
    let table = NodeRef::<html::Table>::new();

    let count = move || rows.with(|r| r.len());
    let first = Memo::new(move |_| ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN));
    let last = Memo::new(move |_| (first.get() + SCREEN_ROWS + 2 * OVERSCAN).min(count()));
    let key_at = move |vi: usize| {
        rows.with_untracked(|r| r.get(vi).copied()).and_then(|i| grid.with_untracked(|g| g.rows.get(i).map(|r| r.key)))
    };
    let text_at = move |vi: usize, c: usize| {
        rows.with_untracked(|r| r.get(vi).copied())
            .and_then(|i| grid.with_untracked(|g| g.rows.get(i).map(|r| r.cells[c].clone())))
            .unwrap_or_default()
    };
    let error_at = move |vi: usize, c: usize| -> Option<LocalText> {
        rows.with_untracked(|r| r.get(vi).copied())
            .and_then(|i| grid.with_untracked(|g| g.rows.get(i).and_then(|r| r.errors[c].clone())))
    };
    let say_error = move |vi: usize, c: usize| {
        if let (Some(e), Some(column)) = (error_at(vi, c), Column::from_index(c)) {
            let text = LocalText::new(Msg::InvCellError)
                .arg("row", vi + 1)
                .arg("column", t(column.label()))
                .arg("message", e.render(locale));
            announce.set(text.render(locale));
        }
    };

    // Keeps the active cell in view: vertically by the row's position, sideways by the
    // columns' fixed widths.
    let reveal = move |vi: usize, c: usize| {
        let Some(el) = scroller.get_untracked() else { return };
        let top = vi as f64 * ROW_HEIGHT;
        let height = el.client_height() as f64 - HEADER_HEIGHT;
        let scroll = el.scroll_top() as f64;
        if top < scroll {
            el.set_scroll_top(top as i32);
        } else if top + ROW_HEIGHT > scroll + height {
            el.set_scroll_top((top + ROW_HEIGHT - height).ceil() as i32);
        }
        let left: f64 = Column::ALL.iter().take(c).map(|c| width(*c)).sum();
        let right = left + Column::from_index(c).map(width).unwrap_or(0.0);
        let view_width = el.client_width() as f64 - NUMBER_WIDTH;
        let scroll_left = el.scroll_left() as f64;
        if left < scroll_left {
            el.set_scroll_left(left as i32);
        } else if right > scroll_left + view_width {
            el.set_scroll_left((right - view_width).ceil() as i32);
        }
    };
    let move_to = move |vi: usize, c: usize| {
        let n = count();
        if n == 0 {
            return;
        }
        let (vi, c) = (vi.min(n - 1), c.min(COLUMN_COUNT - 1));
        active.set((vi, c));
        reveal(vi, c);
    };
    let focus_table = move || {
        if let Some(el) = table.get_untracked() {
            let _ = el.focus();
        }
    };
    let start_edit = move |initial: Option<String>| {
        let (vi, c) = active.get_untracked();
        if !editable.get_untracked() || key_at(vi).is_none() {
            return;
        }
        draft.set(initial.unwrap_or_else(|| text_at(vi, c)));
        editing.set(true);
    };
    let set_active_cell = move |text: String| {
        let (vi, c) = active.get_untracked();
        if let (Some(key), Some(column)) = (key_at(vi), Column::from_index(c)) {
            grid.update(|g| g.set(key, column, &text));
            fill_authority_name(grid, key, column);
            say_error(vi, c);
        }
    };
    let done = Callback::new(move |end: EditEnd| {
        editing.set(false);
        let (vi, c) = active.get_untracked();
        if end != EditEnd::Cancel {
            set_active_cell(draft.get_untracked());
        }
        match end {
            EditEnd::Down => move_to(vi + 1, c),
            EditEnd::Right => move_to(vi, c + 1),
            EditEnd::Left => move_to(vi, c.saturating_sub(1)),
            EditEnd::Cancel => {}
        }
        focus_table();
    });

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if editing.get_untracked() {
            return;
        }
        let key = ev.key();
        let press =
            Press { key: &key, shift: ev.shift_key(), command: ev.ctrl_key() || ev.meta_key(), alt: ev.alt_key() };
        let Some(action) = keys::action(press, active.get_untracked(), count(), editable.get_untracked()) else {
            return;
        };
        ev.prevent_default();
        match action {
            Action::Move(vi, c) => move_to(vi, c),
            Action::Edit(initial) => start_edit(initial),
            Action::Clear => set_active_cell(String::new()),
            Action::Undo => grid.update(Grid::undo),
            Action::Redo => grid.update(Grid::redo),
        }
    };

    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        if editing.get_untracked() || !editable.get_untracked() {
            return;
        }
        // web-sys's clipboard types are compiled for the browser only.
        #[cfg(feature = "hydrate")]
        let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else {
            return;
        };
        #[cfg(not(feature = "hydrate"))]
        let text = String::new();
        ev.prevent_default();
        let (vi, c) = active.get_untracked();
        let Some(column) = Column::from_index(c) else { return };
        let view = rows.get_untracked();
        let set = grid.try_update(|g| g.paste(&view, vi, column, &text)).unwrap_or(0);
        announce.set(LocalText::new(Msg::InvPasted).arg("count", set).render(locale));
    };

    let header = move |column: Column| {
        let c = column;
        let state = move || sort.get().filter(|(s, _)| *s == c).map(|(_, asc)| asc);
        view! {
            <th
                scope="col"
                class="sticky top-0 z-10 border-b border-r border-slate-300 bg-slate-100 p-0 text-left align-top text-sm font-semibold"
                style=format!("width:{}px;min-width:{}px;height:{HEADER_HEIGHT}px", width(c), width(c))
                aria-sort=move || match state() { Some(true) => "ascending", Some(false) => "descending", None => "none" }
            >
                <button
                    type="button"
                    tabindex="-1"
                    class="flex h-full w-full cursor-pointer items-start gap-1 px-2 py-1 text-left"
                    on:click=move |_| sort.update(|s| *s = match s { Some((x, true)) if *x == c => Some((c, false)), Some((x, false)) if *x == c => None, _ => Some((c, true)) })
                >
                    <span>{t(c.label())}</span>
                    <span aria-hidden="true">{move || match state() { Some(true) => "▲", Some(false) => "▼", None => "" }}</span>
                </button>
            </th>
        }
    };

    let cell = move |vi: usize, c: usize| {
        let is_active = move || active.get() == (vi, c);
        let error = move || grid.with(|_| error_at(vi, c));
        let column = Column::from_index(c).unwrap_or(Column::SystemName);
        view! {
            <td
                id=cell_id(vi, c)
                role="gridcell"
                aria-selected=move || is_active().to_string()
                aria-invalid=move || error().is_some().to_string()
                class="relative overflow-hidden whitespace-nowrap border-b border-r border-slate-200 px-2"
                class:outline=is_active
                class:outline-2=is_active
                class:outline-blue-700=is_active
                class:-outline-offset-2=is_active
                class:bg-red-50=move || error().is_some()
                style=format!("height:{ROW_HEIGHT}px;max-width:{}px", width(column))
                title=move || error().map(|e| tr(&e))
                on:click=move |_| { if active.get_untracked() != (vi, c) { editing.set(false); } active.set((vi, c)); focus_table(); }
                on:dblclick=move |_| { active.set((vi, c)); start_edit(None); }
            >
                {move || if is_active() && editing.get() {
                    view! { <GridEditor column draft done/> }.into_any()
                } else {
                    view! {
                        <span class="block overflow-hidden text-ellipsis">{move || grid.with(|_| text_at(vi, c))}</span>
                        {move || error().map(|e| view! {
                            <span class="absolute right-0 top-0 h-0 w-0 border-l-8 border-t-8 border-l-transparent border-t-red-700" aria-hidden="true"></span>
                            <span class="sr-only">{tr(&e)}</span>
                        })}
                    }.into_any()
                }}
            </td>
        }
    };

    let body_rows = move || {
        let (from, to) = (first.get(), last.get());
        rows.track();
        (from..to)
            .map(|vi| {
                view! {
                    <tr aria-rowindex=vi + 2 data-testid="grid-row">
                        <th
                            scope="row"
                            class="sticky left-0 z-[5] border-b border-r border-slate-300 bg-slate-50 px-2 text-right font-mono text-sm font-normal text-slate-700"
                            style=format!("width:{NUMBER_WIDTH}px;min-width:{NUMBER_WIDTH}px;height:{ROW_HEIGHT}px")
                        >
                            {vi + 1}
                        </th>
                        {(0..COLUMN_COUNT).map(|c| cell(vi, c)).collect_view()}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div
            node_ref=scroller
            class="max-h-[70vh] overflow-auto rounded-lg border border-slate-300 bg-white"
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    scroll_top.set(el.scroll_top() as f64);
                }
            }
            data-testid="grid-scroller"
        >
            <table
                node_ref=table
                role="grid"
                tabindex="0"
                aria-label=t(Msg::InvTitle)
                aria-rowcount=move || count() + 1
                aria-colcount=COLUMN_COUNT + 1
                aria-activedescendant=move || (count() > 0).then(|| cell_id(active.get().0, active.get().1))
                class="table-fixed border-separate border-spacing-0 text-sm focus:outline-none focus-visible:ring-4 focus-visible:ring-blue-300"
                on:keydown=on_keydown
                on:paste=on_paste
                data-testid="grid"
            >
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class="sticky left-0 top-0 z-20 border-b border-r border-slate-300 bg-slate-100 text-sm" style=format!("width:{NUMBER_WIDTH}px;min-width:{NUMBER_WIDTH}px")>
                            <span class="sr-only">{t(Msg::InvRowNumber)}</span>"#"
                        </th>
                        {Column::ALL.into_iter().map(header).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr aria-hidden="true" style=move || format!("height:{}px", first.get() as f64 * ROW_HEIGHT)></tr>
                    {body_rows}
                    <tr aria-hidden="true" style=move || format!("height:{}px", count().saturating_sub(last.get()) as f64 * ROW_HEIGHT)></tr>
                </tbody>
            </table>
        </div>
    }
}
