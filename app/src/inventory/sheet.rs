//! What crosses the wire for the inventory: stored rows, the changes a save sends, the
//! problems it can meet, and the reporting state around a sheet.

use serde::{Deserialize, Serialize};

use super::{
    columns::{Cells, Column},
    rules::check,
};
use crate::{
    error::{AppError, RowProblem},
    i18n::{LocalText, Locale, Msg},
};

/// A row as stored: `version` rises with every write to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRow {
    pub id: i64,
    pub version: i64,
    pub cells: Cells,
}

/// One change of a save. Updates and deletes name the version they were based on, so that a
/// change made meanwhile by someone else is never silently overwritten.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowChange {
    Insert { cells: Cells },
    Update { id: i64, version: i64, cells: Cells },
    Delete { id: i64, version: i64 },
}

impl RowChange {
    pub fn cells(&self) -> Option<&Cells> {
        match self {
            RowChange::Insert { cells } | RowChange::Update { cells, .. } => Some(cells),
            RowChange::Delete { .. } => None,
        }
    }
}

/// A wrong cell, by row and column. For a save, `row` is the change's index in the request;
/// for an import, the row's number in the spreadsheet (the header is row 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    pub row: usize,
    pub column: Column,
    pub message: LocalText,
}

impl CellProblem {
    /// Every wrong cell of `cells`, which is row `row`, in column order.
    pub fn of_row(row: usize, cells: &Cells) -> impl Iterator<Item = CellProblem> {
        check(cells).into_iter().map(move |e| CellProblem { row, column: e.column, message: e.message })
    }

    /// Every wrong cell of `rows`, by row (`row` indexes `rows`), then column.
    pub fn of_rows<'a>(rows: impl IntoIterator<Item = &'a Cells>) -> Vec<CellProblem> {
        rows.into_iter().enumerate().flat_map(|(row, cells)| CellProblem::of_row(row, cells)).collect()
    }

    /// Wrong cells as the error a save or a 提報 is refused with: each column named by its
    /// template header (`Column::from_header` reads it back).
    pub fn refusal(problems: Vec<CellProblem>) -> AppError {
        AppError::InvalidCells(
            problems
                .into_iter()
                .map(|p| RowProblem { row: p.row, field: p.column.template_header().to_string(), message: p.message })
                .collect(),
        )
    }
}

/// Rows read from a spreadsheet file, not saved: each with its row number in the file, and
/// every bad cell (`row` indexes `rows`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    pub rows: Vec<Cells>,
    pub row_numbers: Vec<usize>,
    pub problems: Vec<CellProblem>,
}

impl Imported {
    /// Each cell to fix, said in `locale` by the file's row number and the column's name.
    pub fn problem_lines(&self, locale: Locale) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                LocalText::new(Msg::InvCellError)
                    .arg("row", self.row_numbers.get(p.row).copied().unwrap_or(0))
                    .arg("column", LocalText::new(p.column.label()).render(locale))
                    .arg("message", p.message.render(locale))
                    .render(locale)
            })
            .collect()
    }
}

/// Why a file did not replace the sheet where there is no grid to show its rows first: each
/// of its cells that needs fixing, said in the reader's language, by the file's row numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblems(pub Vec<String>);

/// The id and new version of each inserted or updated row, in the order of the changes; `None`
/// for a delete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub rows: Vec<Option<(i64, i64)>>,
}

/// A reporting window (提報期間), Unix seconds, `closes_at` exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub id: i64,
    pub title: String,
    pub opens_at: i64,
    pub closes_at: i64,
}

impl Period {
    pub fn is_open(&self, now: i64) -> bool {
        self.opens_at <= now && now < self.closes_at
    }
}

/// Counts by 防護需求等級 (普, 中, 高, 其他) and by 是否符合防護基準 (符合, 部分符合, 不符合,
/// 不適用), in the order of the template's values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub rows: i64,
    pub levels: [i64; 4],
    pub baselines: [i64; 4],
}

impl Figures {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a Cells>) -> Figures {
        let mut figures = Figures::default();
        let levels = Column::ProtectionLevel.choices().unwrap_or_default();
        let baselines = Column::Baseline.choices().unwrap_or_default();
        for cells in rows {
            figures.rows += 1;
            let at = |values: &[&str], column: Column| values.iter().position(|v| *v == cells[column.index()]);
            if let Some(i) = at(levels, Column::ProtectionLevel) {
                figures.levels[i] += 1;
            }
            if let Some(i) = at(baselines, Column::Baseline) {
                figures.baselines[i] += 1;
            }
        }
        figures
    }
}

/// A submitted snapshot, as the organization and the central authority see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub id: i64,
    pub period_id: i64,
    pub submitted_at: i64,
    pub submitted_by: String,
    pub figures: Figures,
}

/// An organization's sheet and what the reader may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub org_id: i64,
    pub org_name: String,
    /// Packed on the wire: each distinct text once (`packed`).
    #[serde(with = "super::packed")]
    pub rows: Vec<StoredRow>,
    /// Every wrong cell of `rows` (`row` indexes it), as the rules say today. Saved rows passed
    /// the rules when saved, but the rules may have changed since. The server checks them as it
    /// loads them, natively and once, so that the browser need not check 10,000 rows again
    /// before it can show the grid.
    pub problems: Vec<CellProblem>,
    /// False while a submission of the open period stands, and for readers who may not edit.
    pub editable: bool,
    /// The reader may 提報 this organization's sheet and a period is open with nothing submitted.
    pub can_submit: bool,
    pub period: Option<Period>,
    pub submission: Option<Submission>,
}

/// One organization's line on the central authority's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardEntry {
    pub org_id: i64,
    pub org_name: String,
    pub org_oid: Option<String>,
    pub live_rows: i64,
    pub submission: Option<Submission>,
}
