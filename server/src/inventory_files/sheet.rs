//! What the XLSX and CSV readers share: a sheet kept as it is read, and no more of it than its
//! kind needs. The header is sought among the first rows, and nothing above it is kept; under
//! it, only the cells of the columns it names, only rows with something in them, no more rows
//! than the kind allows, and never more text than a save could carry. Reading stops at the
//! first of these, so that a hostile file holds no more memory than a good one.

use app::{
    error::AppError,
    i18n::{LocalText, Msg},
};

use super::import::file_error;

/// What a sheet of one kind looks like to the readers.
pub struct Shape {
    /// Cells of a row looked at while the header is sought; further right, none is read.
    pub columns: u32,
    /// The most rows under the header, blank ones aside.
    pub max_rows: i64,
    /// Whether a row (its first `columns` cells) is this kind's header.
    pub is_header: fn(&[String]) -> bool,
    /// Which of the header's cells name a column to read; or why the header will not do (a
    /// column missing, or named twice).
    pub columns_of: fn(&[String]) -> Result<Vec<bool>, AppError>,
}

/// Rows the header is sought among: past these without it, the sheet is not of its kind.
pub const HEADER_WITHIN: usize = 20;

/// A cell's text beyond this is cut (no column allows nearly as much).
pub const CELL_CHARS: usize = 4_000;

/// Text kept of one file, every cell together. A save carries at most 24 MB (the body limit of
/// `save_inventory`), so a sheet with more could never be saved; without it, 15 MB of
/// worksheet naming one long shared string in every cell were 1.7 GB of cells.
pub const KEPT_BYTES: usize = 24 << 20;

/// A sheet as read: its header and the rows under it that are not blank, each with its row
/// number in the file; of both, only the cells of the columns the header names, in order (a
/// row ends at its last cell that is not empty).
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// What the reader does after a row.
pub enum Next {
    Read,
    /// The header is not among the first rows: not this kind of sheet.
    Stop,
}

/// A sheet being read, a row at a time in order, kept as its `Shape` says.
pub struct Keeper<'s> {
    shape: &'s Shape,
    /// Rows given while the header was sought.
    sought: usize,
    /// Once the header is found: which columns it names, and the sheet so far.
    found: Option<(Vec<bool>, Sheet)>,
    /// Bytes of text kept.
    kept: usize,
}

impl<'s> Keeper<'s> {
    pub fn new(shape: &'s Shape) -> Self {
        Keeper { shape, sought: 0, found: None, kept: 0 }
    }

    /// Whether the cell in column `col` (from 0) is of use: while the header is sought, one of
    /// the first `columns`; under it, one it names. Readers make no text of the others.
    pub fn wants(&self, col: usize) -> bool {
        match &self.found {
            None => col < self.shape.columns as usize,
            Some((named, _)) => named.get(col).copied().unwrap_or(false),
        }
    }

    /// Row `number`, its cells by column as `text` makes them (those not wanted may be empty).
    pub fn row(&mut self, number: usize, mut cells: Vec<String>) -> Result<Next, AppError> {
        let Some((named, sheet)) = &mut self.found else {
            cells.truncate(self.shape.columns as usize);
            if (self.shape.is_header)(&cells) {
                let named = (self.shape.columns_of)(&cells)?;
                let header = only(&named, cells);
                self.kept = count(self.kept, &header)?;
                self.found = Some((named, Sheet { header, rows: Vec::new() }));
                return Ok(Next::Read);
            }
            self.sought += 1;
            return Ok(if self.sought < HEADER_WITHIN { Next::Read } else { Next::Stop });
        };
        let cells = only(named, cells);
        if cells.is_empty() {
            return Ok(Next::Read);
        }
        if sheet.rows.len() as i64 >= self.shape.max_rows {
            return Err(AppError::invalid("file", LocalText::new(Msg::InvTooManyRows).arg("max", self.shape.max_rows)));
        }
        self.kept = count(self.kept, &cells)?;
        sheet.rows.push((number, cells));
        Ok(Next::Read)
    }

    /// The sheet, if its header was found.
    pub fn finish(self) -> Option<Sheet> {
        self.found.map(|(_, sheet)| sheet)
    }
}

/// The cells of the columns `named` says, in order, and none after the last that is not empty.
fn only(named: &[bool], cells: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = cells.into_iter().zip(named).filter_map(|(cell, keep)| keep.then_some(cell)).collect();
    while kept.last().is_some_and(String::is_empty) {
        kept.pop();
    }
    // Up to 20,000 rows are kept: none with room for more cells.
    kept.shrink_to_fit();
    kept
}

/// `kept` and the text of `cells`, within `KEPT_BYTES`.
fn count(kept: usize, cells: &[String]) -> Result<usize, AppError> {
    let kept = kept + cells.iter().map(String::len).sum::<usize>();
    if kept > KEPT_BYTES {
        return Err(file_error(Msg::InvFileTooComplex));
    }
    Ok(kept)
}

/// A cell's text as kept: without the spaces around it, and at most `CELL_CHARS` characters.
pub fn text(cell: &str) -> String {
    let cell = cell.trim();
    // No more bytes than the characters allowed: nothing to count.
    let end = if cell.len() <= CELL_CHARS { None } else { cell.char_indices().nth(CELL_CHARS).map(|(at, _)| at) };
    cell[..end.unwrap_or(cell.len())].to_string()
}
