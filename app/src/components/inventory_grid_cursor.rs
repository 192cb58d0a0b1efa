//! The grid's active cell and what moves, edits and pastes at it: the keyboard, the editor's
//! end, the clipboard. Apart from the grid's component, so that the component holds the scroll
//! window and the elements, and this the behaviour a reader looks up by key.

use leptos::{html, prelude::*};

use super::{authority_name::fill_authority_name, grid_editor::EditEnd};
use crate::{
    i18n::{t, LocalText, Locale, Msg},
    inventory::{
        grid::Grid,
        keys::{self, Action, Press},
        viewport, Column, COLUMN_COUNT,
    },
};

/// What the grid hands every row and cell of its pool: the sheet and its view, the window's
/// first row, the active cell and its editor. Copied into each (every field is a handle), so
/// that a cell needs no context lookup: a page holds hundreds of cells.
#[derive(Clone, Copy)]
pub struct GridCursor {
    pub grid: RwSignal<Grid>,
    /// The grid's rows in the view's order (filtered, sorted).
    pub rows: Memo<Vec<usize>>,
    pub editable: Signal<bool>,
    /// What a screen reader is told next.
    pub announce: RwSignal<String>,
    pub locale: Locale,
    /// The first row drawn: pool slot `s` shows the row `first + s`.
    pub first: Memo<usize>,
    /// The active cell, as (row in the view, column index).
    pub active: RwSignal<(usize, usize)>,
    pub editing: RwSignal<bool>,
    pub draft: RwSignal<String>,
    /// Answers whether a (slot, column) is the active cell, waking only the two cells that
    /// became or stopped being it.
    pub selected: StoredValue<Selector<Option<(usize, usize)>>>,
    /// The scrolling box, and the table in it that takes the keys.
    pub scroller: NodeRef<html::Div>,
    pub table: NodeRef<html::Table>,
}

/// A cell's id: by the slot of its row in the page, not by the row, so that ids stay put as
/// the rows scroll through the slots.
pub fn cell_id(slot: usize, column: usize) -> String {
    format!("inv-cell-{slot}-{column}")
}

impl GridCursor {
    /// The rows in the view.
    pub fn count(self) -> usize {
        self.rows.with(|r| r.len())
    }

    fn key_at(self, vi: usize) -> Option<u64> {
        self.rows
            .with_untracked(|r| r.get(vi).copied())
            .and_then(|i| self.grid.with_untracked(|g| g.rows.get(i).map(|r| r.key)))
    }

    fn text_at(self, vi: usize, c: usize) -> String {
        self.rows
            .with_untracked(|r| r.get(vi).copied())
            .and_then(|i| self.grid.with_untracked(|g| g.rows.get(i).map(|r| r.cells[c].clone())))
            .unwrap_or_default()
    }

    fn error_at(self, vi: usize, c: usize) -> Option<LocalText> {
        self.rows.with_untracked(|r| r.get(vi).copied()).and_then(|i| {
            self.grid.with_untracked(|g| g.rows.get(i).and_then(|r| r.cell_error(Column::from_index(c)?).cloned()))
        })
    }

    /// Tells a screen reader the error a cell now has, if any.
    fn say_error(self, vi: usize, c: usize) {
        if let (Some(e), Some(column)) = (self.error_at(vi, c), Column::from_index(c)) {
            let text = LocalText::new(Msg::InvCellError)
                .arg("row", vi + 1)
                .arg("column", t(column.label()))
                .arg("message", e.render(self.locale));
            self.announce.set(text.render(self.locale));
        }
    }

    /// Keeps the active cell in view: vertically under the header, sideways beside the numbers.
    fn reveal(self, vi: usize, c: usize) {
        let Some(el) = self.scroller.get_untracked() else { return };
        if let Some(top) = viewport::reveal_row(vi, el.scroll_top() as f64, el.client_height() as f64) {
            el.set_scroll_top(top as i32);
        }
        if let Some(left) = viewport::reveal_column(c, el.scroll_left() as f64, el.client_width() as f64) {
            el.set_scroll_left(left as i32);
        }
    }

    fn move_to(self, vi: usize, c: usize) {
        let n = self.count();
        if n == 0 {
            return;
        }
        let (vi, c) = (vi.min(n - 1), c.min(COLUMN_COUNT - 1));
        self.active.set((vi, c));
        self.reveal(vi, c);
    }

    /// Gives the table (the keyboard's target) the focus back.
    pub fn focus_table(self) {
        if let Some(el) = self.table.get_untracked() {
            let _ = el.focus();
        }
    }

    /// Opens the active cell's editor, with `initial` or the cell's own text.
    pub fn start_edit(self, initial: Option<String>) {
        let (vi, c) = self.active.get_untracked();
        if !self.editable.get_untracked() || self.key_at(vi).is_none() {
            return;
        }
        self.draft.set(initial.unwrap_or_else(|| self.text_at(vi, c)));
        self.editing.set(true);
    }

    fn set_active_cell(self, text: String) {
        let (vi, c) = self.active.get_untracked();
        if let (Some(key), Some(column)) = (self.key_at(vi), Column::from_index(c)) {
            self.grid.update(|g| g.set(key, column, &text));
            fill_authority_name(self.grid, key, column);
            self.say_error(vi, c);
        }
    }

    /// Ends the active cell's edit: keeps the draft unless cancelled, and moves as the key
    /// that ended it says.
    pub fn finish(self, end: EditEnd) {
        self.editing.set(false);
        let (vi, c) = self.active.get_untracked();
        if end != EditEnd::Cancel {
            self.set_active_cell(self.draft.get_untracked());
        }
        match end {
            EditEnd::Down => self.move_to(vi + 1, c),
            EditEnd::Right => self.move_to(vi, c + 1),
            EditEnd::Left => self.move_to(vi, c.saturating_sub(1)),
            EditEnd::Cancel => {}
        }
        self.focus_table();
    }

    /// The table's keys, while no editor has them (`keys` says what each does).
    pub fn key_down(self, ev: leptos::ev::KeyboardEvent) {
        if self.editing.get_untracked() {
            return;
        }
        let key = ev.key();
        let press =
            Press { key: &key, shift: ev.shift_key(), command: ev.ctrl_key() || ev.meta_key(), alt: ev.alt_key() };
        let Some(action) =
            keys::action(press, self.active.get_untracked(), self.count(), self.editable.get_untracked())
        else {
            return;
        };
        ev.prevent_default();
        match action {
            Action::Move(vi, c) => self.move_to(vi, c),
            Action::Edit(initial) => self.start_edit(initial),
            Action::Clear => self.set_active_cell(String::new()),
            Action::Undo => self.grid.update(Grid::undo),
            Action::Redo => self.grid.update(Grid::redo),
        }
    }

    /// A block pasted from a spreadsheet fills from the active cell.
    pub fn paste(self, ev: leptos::ev::ClipboardEvent) {
        if self.editing.get_untracked() || !self.editable.get_untracked() {
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
        let (vi, c) = self.active.get_untracked();
        let Some(column) = Column::from_index(c) else { return };
        let view = self.rows.get_untracked();
        let set = self.grid.try_update(|g| g.paste(&view, vi, column, &text)).unwrap_or(0);
        self.announce.set(LocalText::new(Msg::InvPasted).arg("count", set).render(self.locale));
    }
}
