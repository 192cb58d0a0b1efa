//! The yearly information-system asset inventory (資通系統資產清冊): its columns and rules,
//! pure and shared by the browser and the server.

pub mod clipboard;
pub mod columns;
pub mod examples;
pub mod grid;
#[cfg(test)]
mod grid_tests;
pub mod keys;
pub mod normalize;
mod packed;
pub mod rules;
pub mod sheet;
#[cfg(test)]
mod tests;
#[cfg(feature = "hydrate")]
pub mod upload;
pub mod viewport;

pub use columns::{Cells, Column, Kind, COLUMN_COUNT};
pub use normalize::normalize;
pub use rules::{check, check_cell, is_blank, CellError};
pub use sheet::{
    CellProblem, DashboardEntry, Figures, FileProblems, Imported, Period, RowChange, Saved, Sheet, StoredRow,
    Submission,
};

/// The largest spreadsheet file an import accepts. The template with 10,000 rows is under 1 MB.
/// Rows an organization may keep; the largest real inventories are in the hundreds.
pub const MAX_ROWS: i64 = 20_000;

pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// A row of cells from texts in column order; missing cells are empty, extra ones dropped.
pub fn cells_from<S: AsRef<str>>(texts: &[S]) -> Cells {
    std::array::from_fn(|i| texts.get(i).map(|t| t.as_ref().to_string()).unwrap_or_default())
}
