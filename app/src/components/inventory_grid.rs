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
    window_size::tallest_window,
};

/// Rows are one line high, so the rows in view follow from the scroll position alone.
const ROW_HEIGHT: f64 = 40.0;
/// Rows drawn above and below the visible ones, so a fast scroll does not show blanks.
const OVERSCAN: usize = 4;
/// The box's height at most, as a share of the window's (`max-h-[70vh]`).
const BOX_SHARE: f64 = 0.7;
const HEADER_HEIGHT: f64 = 80.0;
const NUMBER_WIDTH: f64 = 56.0;

// Every size is a class, not a `style` attribute: the Content-Security-Policy refuses inline
// styles (`style-src 'self'`), and encre-css only emits classes it finds written out in the
// source. The spacer rows' heights, the one size that changes, are set through the CSSOM
// (`set_spacer_height`), which the policy allows.
const ROW_CLASS: &str = "h-[40px]";
const HEADER_CLASS: &str = "h-[80px]";
const NUMBER_CLASS: &str = "w-[56px] min-w-[56px]";
/// The table's width: the number column and every column's width (checked by a test), so
/// that the fixed table layout gives each column exactly its width however narrow the window.
const TABLE_WIDTH_CLASS: &str = "w-[3240px]";
#[cfg(test)]
const TABLE_WIDTH: f64 = 3240.0;

/// How wide a column is drawn: enough for its longest fixed value or a typical entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Width {
    /// 是/否, 普/中/高, hours.
    Narrow,
    /// Names, OIDs, departments, and 建置方式's longest value (主管/上級機關提供).
    Wide,
    /// Free-text explanations.
    Note,
}

impl Width {
    fn of(column: Column) -> Width {
        match column {
            Column::BaselineNote | Column::Remarks => Width::Note,
            Column::BuildMethod => Width::Wide,
            _ => match column.kind() {
                Kind::Choice(_) | Kind::Hours => Width::Narrow,
                Kind::Text | Kind::Oid => Width::Wide,
            },
        }
    }

    fn px(self) -> f64 {
        match self {
            Width::Narrow => 112.0,
            Width::Wide => 176.0,
            Width::Note => 240.0,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Width::Narrow => "w-[112px] min-w-[112px]",
            Width::Wide => "w-[176px] min-w-[176px]",
            Width::Note => "w-[240px] min-w-[240px]",
        }
    }
}

/// The rows in the page at once for a window at most `tallest` px tall: as many as its box
/// can show, and the overscan. A pool sized for the tallest window anyone has (it was 32 rows,
/// for 1,370 px) made a laptop build half again the cells it shows, and left a taller window's
/// last rows blank.
fn pool_size(tallest: f64) -> usize {
    (tallest * BOX_SHARE / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN
}

fn width(column: Column) -> f64 {
    Width::of(column).px()
}

/// Sets a spacer row's height through the CSSOM, which a strict style-src allows (an inline
/// `style` attribute it refuses). Called from an effect, so only in the browser.
fn set_spacer_height(row: Option<leptos::web_sys::HtmlTableRowElement>, px: f64) {
    if let Some(row) = row {
        // `HtmlElement::style` by name: leptos' `ElementExt` has a `style` method too.
        let _ = leptos::web_sys::HtmlElement::style(&row).set_property("height", &format!("{px}px"));
    }
}

/// A cell's id: by the slot of its row in the page, not by the row, so that ids stay put as
/// the rows scroll through the slots.
fn cell_id(slot: usize, column: usize) -> String {
    format!("inv-cell-{slot}-{column}")
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
    let tallest = tallest_window();
    let pool = Memo::new(move |_| pool_size(tallest.get()));
    let first = Memo::new(move |_| ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN));
    let last = Memo::new(move |_| (first.get() + pool.get()).min(count()));
    // The rows above and below the drawn ones are two spacers as tall as the rows they stand
    // for, so the scrollbar and the wheel reach every row.
    let top_spacer = NodeRef::<html::Tr>::new();
    let bottom_spacer = NodeRef::<html::Tr>::new();
    Effect::new(move |_| {
        let (first, last, count) = (first.get(), last.get(), count());
        set_spacer_height(top_spacer.get(), first as f64 * ROW_HEIGHT);
        set_spacer_height(bottom_spacer.get(), count.saturating_sub(last) as f64 * ROW_HEIGHT);
    });
    let key_at = move |vi: usize| {
        rows.with_untracked(|r| r.get(vi).copied()).and_then(|i| grid.with_untracked(|g| g.rows.get(i).map(|r| r.key)))
    };
    let text_at = move |vi: usize, c: usize| {
        rows.with_untracked(|r| r.get(vi).copied())
            .and_then(|i| grid.with_untracked(|g| g.rows.get(i).map(|r| r.cells[c].clone())))
            .unwrap_or_default()
    };
    let error_at = move |vi: usize, c: usize| -> Option<LocalText> {
        rows.with_untracked(|r| r.get(vi).copied()).and_then(|i| {
            grid.with_untracked(|g| g.rows.get(i).and_then(|r| r.cell_error(Column::from_index(c)?).cloned()))
        })
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

    // A fixed pool of rows, recycled as the view scrolls: slot `s` shows the row `first + s`.
    // Scrolling then changes the texts of the same few rows and creates no element, and each
    // cell listens to its own row's slot only (rebuilding 50 rows of 22 cells a frame, or
    // updating every cell's id and state, made a scroll run at 5 to 8 frames a second).
    // Ids are by slot, so that they do not change as the rows scroll; the active cell is
    // found by its slot.
    let active_slot = move || {
        let (vi, c) = active.get();
        vi.checked_sub(first.get()).filter(|slot| *slot < pool.get()).map(|slot| (slot, c))
    };
    // Each cell hears only whether it became or stopped being the active one.
    let selected = StoredValue::new(Selector::new(active_slot));
    let cell = move |slot: usize, c: usize, row: Memo<Option<usize>>| {
        let is_active = Memo::new(move |_| selected.with_value(|s| s.selected(&Some((slot, c)))));
        let show_editor = Memo::new(move |_| is_active.get() && editing.get());
        let column = Column::from_index(c).unwrap_or(Column::SystemName);
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
                    let at = (first.get_untracked() + slot, c);
                    if active.get_untracked() != at { editing.set(false); }
                    active.set(at);
                    focus_table();
                }
                on:dblclick=move |_| { active.set((first.get_untracked() + slot, c)); start_edit(None); }
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
    };

    // Made again only when the window outgrows the pool (`tallest_window` only grows).
    let body_rows = move || {
        (0..pool.get())
            .map(|slot| {
                // The grid row this slot shows: none past the sheet's last row, where the slot is
                // made or dropped only when the sheet grows or shrinks past it, never by a scroll.
                let row = Memo::new(move |_| rows.with(|r| r.get(first.get() + slot).copied()));
                let present = Memo::new(move |_| row.with(Option::is_some));
                move || {
                    present.get().then(|| {
                        view! {
                            <tr aria-rowindex=move || first.get() + slot + 2 data-testid="grid-row">
                                <th
                                    scope="row"
                                    class=format!("sticky left-0 z-[5] border-b border-r border-slate-300 bg-slate-50 px-2 text-right font-mono text-sm font-normal text-slate-700 {NUMBER_CLASS} {ROW_CLASS}")
                                >
                                    {move || first.get() + slot + 1}
                                </th>
                                {(0..COLUMN_COUNT).map(|c| cell(slot, c, row)).collect_view()}
                            </tr>
                        }
                    })
                }
            })
            .collect_view()
    };

    view! {
        <div
            node_ref=scroller
            class="no-scroll-anchor relative max-h-[70vh] overflow-auto rounded-lg border border-slate-300 bg-white"
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
                aria-activedescendant=move || active_slot().map(|(slot, c)| cell_id(slot, c))
                class=format!("table-fixed border-separate border-spacing-0 text-sm focus:outline-none focus-visible:ring-4 focus-visible:ring-blue-300 {TABLE_WIDTH_CLASS}")
                on:keydown=on_keydown
                on:paste=on_paste
                data-testid="grid"
            >
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class=format!("sticky left-0 top-0 z-20 border-b border-r border-slate-300 bg-slate-100 text-sm {NUMBER_CLASS} {HEADER_CLASS}")>
                            <span class="sr-only">{t(Msg::InvRowNumber)}</span>"#"
                        </th>
                        {Column::ALL.into_iter().map(header).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr node_ref=top_spacer aria-hidden="true" data-testid="grid-spacer"></tr>
                    {body_rows}
                    <tr node_ref=bottom_spacer aria-hidden="true" data-testid="grid-spacer"></tr>
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_holds_what_the_window_shows_and_the_overscan() {
        // 70% of 800 px is 560 px: 14 rows of 40, and 4 above and 4 below.
        assert_eq!(pool_size(800.0), 22);
        // The fixed pool it replaces was sized for 1,370 px.
        assert_eq!(pool_size(1_370.0), 32);
        // A window 2,160 px tall (a 4K screen at 100%): 38 rows and the overscan, where the
        // fixed pool left the box's last rows blank.
        assert_eq!(pool_size(2_160.0), 46);
    }

    #[test]
    fn the_table_is_as_wide_as_its_columns() {
        let sum: f64 = NUMBER_WIDTH + Column::ALL.iter().map(|c| width(*c)).sum::<f64>();
        assert_eq!(sum, TABLE_WIDTH);
        assert_eq!(TABLE_WIDTH_CLASS, format!("w-[{TABLE_WIDTH}px]"));
        assert_eq!(NUMBER_CLASS, format!("w-[{NUMBER_WIDTH}px] min-w-[{NUMBER_WIDTH}px]"));
        assert_eq!(ROW_CLASS, format!("h-[{ROW_HEIGHT}px]"));
        assert_eq!(HEADER_CLASS, format!("h-[{HEADER_HEIGHT}px]"));
        for w in [Width::Narrow, Width::Wide, Width::Note] {
            assert_eq!(w.class(), format!("w-[{0}px] min-w-[{0}px]", w.px()));
        }
    }
}
