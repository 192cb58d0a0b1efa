//! What a key does in the grid, apart from the page: pure, so every key is unit-tested.

use super::columns::{Column, COLUMN_COUNT};

/// Rows PageUp and PageDown move by.
pub const PAGE_ROWS: usize = 15;

/// A key press as the grid sees it.
#[derive(Clone, Copy, Debug)]
pub struct Press<'a> {
    pub key: &'a str,
    pub shift: bool,
    /// Ctrl, or ⌘ on a Mac.
    pub command: bool,
    pub alt: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Make this cell (view row, column) the active one; the grid clamps it to the rows shown.
    Move(usize, usize),
    /// Start editing the active cell, with this text instead of the cell's when given.
    Edit(Option<String>),
    Clear,
    Undo,
    Redo,
}

/// The action of `press` with `active` the active cell of `rows` rows, or `None` to leave the
/// key to the browser (Tab out of the grid at its ends, shortcuts the grid does not use).
pub fn action(press: Press, active: (usize, usize), rows: usize, editable: bool) -> Option<Action> {
    let (row, col) = active;
    let last = COLUMN_COUNT - 1;
    let moved = |r: usize, c: usize| Some(Action::Move(r, c));
    match press.key {
        "ArrowDown" if press.command => moved(rows, col),
        "ArrowUp" if press.command => moved(0, col),
        "ArrowDown" => moved(row + 1, col),
        "ArrowUp" => moved(row.saturating_sub(1), col),
        "ArrowRight" => moved(row, (col + 1).min(last)),
        "ArrowLeft" => moved(row, col.saturating_sub(1)),
        "Home" if press.command => moved(0, 0),
        "End" if press.command => moved(rows, last),
        "Home" => moved(row, 0),
        "End" => moved(row, last),
        "PageDown" => moved(row + PAGE_ROWS, col),
        "PageUp" => moved(row.saturating_sub(PAGE_ROWS), col),
        // Tab moves across the row and on to the next; at the very ends it leaves the grid.
        "Tab" if press.shift => match (row, col) {
            (0, 0) => None,
            (r, 0) => moved(r - 1, last),
            (r, c) => moved(r, c - 1),
        },
        "Tab" if col < last => moved(row, col + 1),
        "Tab" if row + 1 < rows => moved(row + 1, 0),
        "Tab" => None,
        "Enter" | "F2" => Some(Action::Edit(None)),
        "Delete" | "Backspace" if editable => Some(Action::Clear),
        "z" | "Z" if press.command && press.shift => Some(Action::Redo),
        "z" | "Z" if press.command => Some(Action::Undo),
        "y" | "Y" if press.command => Some(Action::Redo),
        key if press.command || press.alt || key.chars().count() != 1 => None,
        // Space opens a list; in a text cell it is typed like any other character.
        typed => match Column::from_index(col).and_then(Column::choices) {
            Some(_) if typed == " " => Some(Action::Edit(None)),
            // In a fixed-value column, a typed letter picks the first value it starts.
            Some(values) => Some(Action::Edit(Some(
                values.iter().find(|v| v.starts_with(typed)).map(|v| v.to_string()).unwrap_or_default(),
            ))),
            None => Some(Action::Edit(Some(typed.to_string()))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> Press<'_> {
        Press { key, shift: false, command: false, alt: false }
    }

    fn with(key: &str, shift: bool, command: bool) -> Press<'_> {
        Press { key, shift, command, alt: false }
    }

    const NAME: usize = 1;
    const CORE: usize = 10;

    #[test]
    fn arrows_home_end_and_pages_move() {
        assert_eq!(action(key("ArrowDown"), (3, 2), 10, true), Some(Action::Move(4, 2)));
        assert_eq!(action(key("ArrowUp"), (0, 2), 10, true), Some(Action::Move(0, 2)));
        assert_eq!(action(key("ArrowRight"), (3, 20), 10, true), Some(Action::Move(3, 20)));
        assert_eq!(action(key("ArrowLeft"), (3, 0), 10, true), Some(Action::Move(3, 0)));
        assert_eq!(action(with("ArrowDown", false, true), (3, 2), 10, true), Some(Action::Move(10, 2)));
        assert_eq!(action(key("Home"), (3, 7), 10, true), Some(Action::Move(3, 0)));
        assert_eq!(action(with("End", false, true), (3, 7), 10, true), Some(Action::Move(10, 20)));
        assert_eq!(action(key("PageDown"), (3, 7), 100, true), Some(Action::Move(18, 7)));
        assert_eq!(action(key("PageUp"), (3, 7), 100, true), Some(Action::Move(0, 7)));
    }

    #[test]
    fn tab_runs_along_rows_and_leaves_at_the_ends() {
        assert_eq!(action(key("Tab"), (0, 0), 2, true), Some(Action::Move(0, 1)));
        assert_eq!(action(key("Tab"), (0, 20), 2, true), Some(Action::Move(1, 0)));
        assert_eq!(action(key("Tab"), (1, 20), 2, true), None);
        assert_eq!(action(with("Tab", true, false), (1, 0), 2, true), Some(Action::Move(0, 20)));
        assert_eq!(action(with("Tab", true, false), (0, 0), 2, true), None);
    }

    #[test]
    fn editing_keys() {
        assert_eq!(action(key("Enter"), (0, NAME), 1, true), Some(Action::Edit(None)));
        assert_eq!(action(key("F2"), (0, NAME), 1, true), Some(Action::Edit(None)));
        assert_eq!(action(key("x"), (0, NAME), 1, true), Some(Action::Edit(Some("x".into()))));
        assert_eq!(action(key(" "), (0, NAME), 1, true), Some(Action::Edit(Some(" ".into()))));
        assert_eq!(action(key(" "), (0, CORE), 1, true), Some(Action::Edit(None)));
        assert_eq!(action(key("否"), (0, CORE), 1, true), Some(Action::Edit(Some("否".into()))));
        assert_eq!(action(key("q"), (0, CORE), 1, true), Some(Action::Edit(Some(String::new()))));
        assert_eq!(action(key("Delete"), (0, NAME), 1, true), Some(Action::Clear));
        assert_eq!(action(key("Delete"), (0, NAME), 1, false), None);
        // Shortcuts the grid does not use stay the browser's.
        assert_eq!(action(with("c", false, true), (0, NAME), 1, true), None);
        assert_eq!(action(key("Shift"), (0, NAME), 1, true), None);
    }

    #[test]
    fn undo_and_redo() {
        assert_eq!(action(with("z", false, true), (0, 0), 1, true), Some(Action::Undo));
        assert_eq!(action(with("Z", true, true), (0, 0), 1, true), Some(Action::Redo));
        assert_eq!(action(with("y", false, true), (0, 0), 1, true), Some(Action::Redo));
    }
}
