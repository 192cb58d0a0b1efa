//! The grid's state, apart from how it is drawn: rows with their stored id and version, each
//! cell's error from the shared rules, edits as undoable batches, paste of a block, the
//! filtered and sorted view, and the changes a save sends. Pure, so it is tested natively and
//! runs the same in the browser.

use std::collections::{HashMap, HashSet};

use super::{
    check, clipboard,
    columns::{Cells, Column},
    normalize,
    sheet::{CellProblem, RowChange, Saved, StoredRow},
    CellError,
};
use crate::i18n::LocalText;

/// One row of the grid. `key` is stable for the grid's life; `stored` is the row's id and
/// version in the database, `None` for a row added here and not saved yet.
#[derive(Clone, Debug, PartialEq)]
pub struct GridRow {
    pub key: u64,
    pub stored: Option<(i64, i64)>,
    pub cells: Cells,
    /// The cells as last loaded or saved, to tell what changed.
    saved: Stored,
    /// The wrong cells, in column order, as the rules give them. A list rather than a slot
    /// per column: most rows have none, and 21 empty slots (with the saved copy inline) made
    /// a row three times the size of its cells: in the browser, 10,000 rows were about 9 MB
    /// to allocate and clear on load, now about 3.
    errors: Vec<CellError>,
}

/// What a row's cells were when last loaded or saved. A copy is made only when a stored row is
/// first edited: loading 10,000 rows copied every cell once more, most of the first check's
/// time in the browser.
#[derive(Clone, Debug, PartialEq)]
enum Stored {
    /// Never stored.
    New,
    /// Stored, and not edited since.
    Same,
    /// Stored as these cells, and edited since (perhaps back to them). Boxed, so that a row
    /// not edited does not carry room for a second set of cells.
    Was(Box<Cells>),
}

impl GridRow {
    /// A row added here, checked by the rules.
    fn new(key: u64, cells: Cells) -> GridRow {
        let errors = check(&cells);
        GridRow { key, stored: None, cells, saved: Stored::New, errors }
    }

    /// A stored row with the errors the server found in it.
    fn stored(key: u64, row: StoredRow, errors: Vec<CellError>) -> GridRow {
        GridRow { key, stored: Some((row.id, row.version)), cells: row.cells, saved: Stored::Same, errors }
    }

    fn recheck(&mut self) {
        self.errors = check(&self.cells);
    }

    pub fn is_blank(&self) -> bool {
        super::is_blank(&self.cells)
    }

    pub fn has_errors(&self) -> bool {
        !self.is_spare() && !self.errors.is_empty()
    }

    /// A blank row added here: not saved, so not wrong (yet).
    pub fn is_spare(&self) -> bool {
        self.stored.is_none() && self.is_blank()
    }

    /// The error to show on `column`: none on a spare row.
    pub fn error(&self, column: Column) -> Option<&LocalText> {
        if self.is_spare() {
            None
        } else {
            self.cell_error(column)
        }
    }

    /// What the rules say of `column`, spare row or not (the grid marks every cell it shows).
    pub fn cell_error(&self, column: Column) -> Option<&LocalText> {
        self.errors.iter().find(|e| e.column == column).map(|e| &e.message)
    }

    pub fn is_changed(&self) -> bool {
        match &self.saved {
            Stored::New => !self.is_blank(),
            Stored::Same => false,
            Stored::Was(saved) => **saved != self.cells,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Op {
    Set { key: u64, column: Column, old: String, new: String },
    Insert { at: usize, row: GridRow },
    Remove { at: usize, row: GridRow },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub rows: Vec<GridRow>,
    /// Stored rows deleted here and not saved yet: id and version.
    removed: Vec<(i64, i64)>,
    undo: Vec<Vec<Op>>,
    redo: Vec<Vec<Op>>,
    next_key: u64,
}

/// How the view is narrowed and ordered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewOptions {
    /// Rows with a cell containing this text (any case).
    pub filter: String,
    pub only_errors: bool,
    /// A column and whether ascending.
    pub sort: Option<(Column, bool)>,
}

impl Grid {
    /// The grid of a sheet as loaded: its stored rows and their `problems` as the server
    /// found them (`Sheet::problems`). The rows are not checked again here: the server has just
    /// checked them with the same rules, natively, and checking 10,000 rows in the browser
    /// took most of the time between the rows' arrival and a grid to work in. Edits are
    /// checked here as they are made.
    pub fn from_rows(rows: Vec<StoredRow>, mut problems: Vec<CellProblem>) -> Grid {
        // By row, each row's cells kept in column order (the sort is stable).
        problems.sort_by_key(|p| p.row);
        let mut problems = problems.into_iter().peekable();
        // Room for every row at once: a grid row is its cells and a little more, and growing
        // the list by doubling copied 10,000 of them several times over.
        let mut grid = Grid { rows: Vec::with_capacity(rows.len()), ..Grid::default() };
        for (i, row) in rows.into_iter().enumerate() {
            let mut errors = Vec::new();
            while let Some(p) = problems.next_if(|p| p.row == i) {
                errors.push(CellError { column: p.column, message: p.message });
            }
            let key = grid.key();
            grid.rows.push(GridRow::stored(key, row, errors));
        }
        grid
    }

    fn key(&mut self) -> u64 {
        self.next_key += 1;
        self.next_key
    }

    pub fn position(&self, key: u64) -> Option<usize> {
        self.rows.iter().position(|r| r.key == key)
    }

    pub fn row(&self, key: u64) -> Option<&GridRow> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// Rows with at least one wrong cell, and the number of wrong cells.
    pub fn error_counts(&self) -> (usize, usize) {
        let wrong: Vec<&GridRow> = self.rows.iter().filter(|r| r.has_errors()).collect();
        (wrong.len(), wrong.iter().map(|r| r.errors.len()).sum())
    }

    pub fn is_dirty(&self) -> bool {
        !self.removed.is_empty() || self.rows.iter().any(GridRow::is_changed)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies `ops` and records them as one undoable step.
    fn commit(&mut self, ops: Vec<Op>) {
        if ops.is_empty() {
            return;
        }
        for op in &ops {
            self.apply(op, false);
        }
        self.undo.push(ops);
        self.redo.clear();
    }

    fn apply(&mut self, op: &Op, backwards: bool) {
        match (op, backwards) {
            (Op::Set { key, column, new, .. }, false) | (Op::Set { key, column, old: new, .. }, true) => {
                if let Some(at) = self.position(*key) {
                    let row = &mut self.rows[at];
                    if row.saved == Stored::Same {
                        row.saved = Stored::Was(Box::new(row.cells.clone()));
                    }
                    row.cells[column.index()] = new.clone();
                    row.recheck();
                }
            }
            (Op::Insert { at, row }, false) | (Op::Remove { at, row }, true) => {
                if let Some(stored) = row.stored {
                    self.removed.retain(|r| *r != stored);
                }
                self.rows.insert((*at).min(self.rows.len()), row.clone());
            }
            (Op::Remove { at, row }, false) | (Op::Insert { at, row }, true) => {
                if self.rows.get(*at).is_some_and(|r| r.key == row.key) {
                    self.rows.remove(*at);
                } else if let Some(i) = self.position(row.key) {
                    self.rows.remove(i);
                }
                if let Some(stored) = row.stored {
                    self.removed.push(stored);
                }
            }
        }
    }

    pub fn undo(&mut self) {
        if let Some(ops) = self.undo.pop() {
            for op in ops.iter().rev() {
                self.apply(op, true);
            }
            self.redo.push(ops);
        }
    }

    pub fn redo(&mut self) {
        if let Some(ops) = self.redo.pop() {
            for op in &ops {
                self.apply(op, false);
            }
            self.undo.push(ops);
        }
    }

    fn set_op(&self, key: u64, column: Column, text: &str) -> Option<Op> {
        let row = self.row(key)?;
        let new = normalize(column, text);
        let old = row.cells[column.index()].clone();
        (old != new).then_some(Op::Set { key, column, old, new })
    }

    /// Sets one cell (normalized: Y/N, full-width digits) as one undoable step.
    pub fn set(&mut self, key: u64, column: Column, text: &str) {
        let ops = self.set_op(key, column, text).into_iter().collect();
        self.commit(ops);
    }

    /// Adds an empty row at `at` (the end when beyond it) and returns its key.
    pub fn insert_row(&mut self, at: usize) -> u64 {
        let key = self.key();
        let at = at.min(self.rows.len());
        self.commit(vec![Op::Insert { at, row: GridRow::new(key, Default::default()) }]);
        key
    }

    /// Adds rows with these cells at the end, as one step (an import).
    pub fn append(&mut self, rows: Vec<Cells>) {
        let mut ops = Vec::with_capacity(rows.len());
        for (i, cells) in rows.into_iter().enumerate() {
            let key = self.key();
            ops.push(Op::Insert { at: self.rows.len() + i, row: GridRow::new(key, cells) });
        }
        self.commit(ops);
    }

    /// Removes every row, as one step (before an import that replaces the sheet).
    pub fn clear(&mut self) {
        let ops = self
            .rows
            .iter()
            .rev()
            .enumerate()
            .map(|(i, row)| Op::Remove { at: self.rows.len() - 1 - i, row: row.clone() })
            .collect();
        self.commit(ops);
    }

    pub fn remove_rows(&mut self, keys: &[u64]) {
        // From the bottom up, so each recorded position is right when undone in reverse.
        let mut at: Vec<usize> = keys.iter().filter_map(|k| self.position(*k)).collect();
        at.sort_unstable_by(|a, b| b.cmp(a));
        let ops = at.into_iter().map(|i| Op::Remove { at: i, row: self.rows[i].clone() }).collect();
        self.commit(ops);
    }

    /// Pastes a clipboard block with its top-left cell at (`view[start]`, `column`): down the
    /// rows of the view, adding rows at the end when the block is longer; across the columns,
    /// dropping what falls beyond the last. One undoable step. Returns the number of cells set.
    pub fn paste(&mut self, view: &[usize], start: usize, column: Column, text: &str) -> usize {
        let block = clipboard::parse(text);
        let mut keys: Vec<u64> = view.iter().skip(start).map(|i| self.rows[*i].key).collect();
        let mut ops = Vec::new();
        while keys.len() < block.len() {
            let key = self.key();
            let at = self.rows.len() + ops.len();
            ops.push(Op::Insert { at, row: GridRow::new(key, Default::default()) });
            keys.push(key);
        }
        // Inserts first, so that the cells' Set ops find their rows.
        for op in &ops {
            self.apply(op, false);
        }
        let mut sets = Vec::new();
        for (cells, key) in block.iter().zip(&keys) {
            for (offset, text) in cells.iter().enumerate() {
                if let Some(c) = Column::from_index(column.index() + offset) {
                    sets.extend(self.set_op(*key, c, text));
                }
            }
        }
        let count = sets.len();
        for op in &sets {
            self.apply(op, false);
        }
        ops.extend(sets);
        if !ops.is_empty() {
            self.undo.push(ops);
            self.redo.clear();
        }
        count
    }

    /// The rows to show, as positions in `rows`.
    pub fn view(&self, options: &ViewOptions) -> Vec<usize> {
        let needle = options.filter.trim().to_lowercase();
        let mut view: Vec<usize> = (0..self.rows.len())
            .filter(|i| {
                let row = &self.rows[*i];
                (!options.only_errors || row.has_errors())
                    && (needle.is_empty() || row.cells.iter().any(|c| c.to_lowercase().contains(&needle)))
            })
            .collect();
        if let Some((column, ascending)) = options.sort {
            let c = column.index();
            // Stable, so equal cells keep their order; hours sort as numbers.
            view.sort_by(|a, b| {
                let (x, y) = (&self.rows[*a].cells[c], &self.rows[*b].cells[c]);
                let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(x), Ok(y)) if column == Column::MaxDowntimeHours => x.cmp(&y),
                    _ => x.cmp(y),
                };
                if ascending {
                    order
                } else {
                    order.reverse()
                }
            });
        }
        view
    }

    /// What a save sends: deletes, then updates and inserts in grid order. The batch keeps
    /// what it sent, to take the answer in against that rather than against the grid as it is
    /// when the answer comes: the grid stays editable while a save is on its way.
    pub fn changes(&self) -> SaveBatch {
        let mut batch = SaveBatch::default();
        for (id, version) in &self.removed {
            batch.changes.push(RowChange::Delete { id: *id, version: *version });
            batch.keys.push(None);
        }
        for row in self.rows.iter().filter(|r| r.is_changed()) {
            batch.changes.push(match row.stored {
                Some((id, version)) => RowChange::Update { id, version, cells: row.cells.clone() },
                None => RowChange::Insert { cells: row.cells.clone() },
            });
            batch.keys.push(Some(row.key));
        }
        batch
    }

    /// Takes in the answer to `batch`: what the server holds now. A row is saved only as far
    /// as it still holds what was sent, and only the deletions sent are done; edits and
    /// deletions made while the save was on its way are still to save. Undo history is kept
    /// (undoing after a save makes a new change to save).
    pub fn saved(&mut self, batch: &SaveBatch, answer: &Saved) {
        // By row key: the id and version the server gave the cells sent.
        let mut written: HashMap<u64, ((i64, i64), &Cells)> = HashMap::new();
        let mut deleted: HashSet<(i64, i64)> = HashSet::new();
        for ((change, key), stored) in batch.changes.iter().zip(&batch.keys).zip(&answer.rows) {
            match (change, key, stored) {
                (RowChange::Delete { id, version }, ..) => {
                    deleted.insert((*id, *version));
                }
                (RowChange::Insert { cells } | RowChange::Update { cells, .. }, Some(key), Some(stored)) => {
                    written.insert(*key, (*stored, cells));
                }
                _ => {}
            }
        }
        // Every copy of a row, in the grid or in the history, says the same of the server, so
        // that undo after the save never brings back an id or version the server has no more.
        let settle = |row: &mut GridRow| {
            if let Some((stored, cells)) = written.get(&row.key) {
                row.stored = Some(*stored);
                row.saved = if row.cells == **cells { Stored::Same } else { Stored::Was(Box::new((*cells).clone())) };
            } else if row.stored.is_some_and(|s| deleted.contains(&s)) {
                // Deleted there, and brought back by undo meanwhile: a new row to insert.
                row.stored = None;
                row.saved = Stored::New;
            }
        };
        for row in &mut self.rows {
            settle(row);
        }
        for ops in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            for op in ops {
                if let Op::Remove { row, .. } | Op::Insert { row, .. } = op {
                    settle(row);
                }
            }
        }
        self.removed.retain(|r| !deleted.contains(r));
        // A row written and deleted meanwhile is still to delete, at the version written.
        let present: HashSet<u64> = self.rows.iter().map(|r| r.key).collect();
        let gone: Vec<(i64, i64)> = batch
            .keys
            .iter()
            .flatten()
            .filter(|key| !present.contains(*key))
            .filter_map(|key| written.get(key).map(|(stored, _)| *stored))
            .collect();
        let ids: HashSet<i64> = gone.iter().map(|(id, _)| *id).collect();
        self.removed.retain(|(id, _)| !ids.contains(id));
        self.removed.extend(gone);
    }
}

/// A save as sent: its changes, and for each the key of its row (`None` for a delete), to match
/// the answer to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveBatch {
    changes: Vec<RowChange>,
    keys: Vec<Option<u64>>,
}

impl SaveBatch {
    pub fn changes(&self) -> &[RowChange] {
        &self.changes
    }

    pub fn keys(&self) -> &[Option<u64>] {
        &self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}
