//! Reading an inventory spreadsheet: the official XLSX template (headers matched by prefix, so
//! notes after the label do not matter), or CSV in UTF-8 or Big5 (what Excel on a Traditional
//! Chinese Windows writes). Nothing is saved here: the rows go back to the grid with every
//! bad cell, by the spreadsheet's own row number and column.

use app::{
    error::AppError,
    i18n::{LocalText, Msg},
    inventory::{cells_from, normalize, CellProblem, Cells, Column, Imported, COLUMN_COUNT, MAX_ROWS},
    oid::Oid,
};

use super::sheet::{Shape, Sheet};

pub(crate) fn file_error(msg: Msg) -> AppError {
    AppError::invalid("file", msg)
}

/// Columns read while the header is sought: the template's, with room for a few added ones;
/// cells further right are ignored without being stored.
pub const COLUMNS: u32 = (COLUMN_COUNT as u32) * 3;

/// The asset inventory's template.
pub const INVENTORY: Shape =
    Shape { columns: COLUMNS, max_rows: MAX_ROWS, is_header: names_five_columns, columns_of: template_columns };

/// Rows read from a file, normalized but not yet checked, each with its row number in the file.
pub struct Parsed {
    rows: Vec<Cells>,
    row_numbers: Vec<usize>,
}

impl Parsed {
    /// How many rows the file has (blank rows not counted).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The OIDs whose directory name would fill an empty 系統主管機關名稱: the only names to
    /// look up.
    pub fn oids_to_name(&self) -> Vec<String> {
        let mut oids: Vec<String> = self
            .rows
            .iter()
            .filter(|c| c[Column::AuthorityName.index()].is_empty())
            .filter_map(|c| Oid::parse(&c[Column::AuthorityOid.index()]).ok())
            .map(|oid| oid.as_str().to_string())
            .collect();
        oids.sort_unstable();
        oids.dedup();
        oids
    }

    /// Fills empty 系統主管機關名稱 with `authority_name` of the OID, as the grid does, and
    /// checks every row.
    pub fn finish(self, authority_name: impl Fn(&Oid) -> Option<String>) -> Imported {
        let mut rows = self.rows;
        for cells in &mut rows {
            fill_authority_name(cells, &authority_name);
        }
        Imported { problems: CellProblem::of_rows(&rows), rows, row_numbers: self.row_numbers }
    }
}

/// `parse` and `finish` in one, for callers that have every name at hand.
pub fn read(bytes: &[u8], authority_name: impl Fn(&Oid) -> Option<String>) -> Result<Imported, AppError> {
    Ok(parse(bytes)?.finish(authority_name))
}

/// Reads the rows of `bytes`: refuses what is not the template, checks nothing yet.
pub fn parse(bytes: &[u8]) -> Result<Parsed, AppError> {
    Ok(table(read_sheet(bytes, &INVENTORY)?))
}

/// The sheet of the kind `shape` describes in a spreadsheet, XLSX or CSV, read in bounded
/// memory; refused when too large, the old binary .xls, or not a spreadsheet at all. The
/// inventory's import and the sub-accounts' file both read through here.
pub(crate) fn read_sheet(bytes: &[u8], shape: &Shape) -> Result<Sheet, AppError> {
    if bytes.len() > super::MAX_FILE_BYTES {
        return Err(AppError::invalid(
            "file",
            LocalText::new(Msg::InvFileTooLarge).arg("max", super::MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        super::xlsx::sheet_within(bytes, &super::xlsx::LIMITS, shape)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // The old binary .xls format.
        Err(file_error(Msg::InvFileOldExcel))
    } else if bytes.iter().take(4096).any(|b| *b == 0) {
        Err(file_error(Msg::InvFileNotSpreadsheet))
    } else {
        super::csv_file::read(bytes, shape)
    }
}

/// The template's header: a row naming at least five of its columns.
fn names_five_columns(texts: &[String]) -> bool {
    texts.iter().filter_map(|t| Column::from_header(t)).count() >= 5
}

/// The template's columns a header names; refused when it names one twice or leaves out one
/// that is always required.
fn template_columns(header: &[String]) -> Result<Vec<bool>, AppError> {
    let mut columns: Vec<Option<Column>> = Vec::new();
    for text in header {
        let column = Column::from_header(text);
        if column.is_some() && columns.contains(&column) {
            return Err(AppError::invalid(
                "file",
                LocalText::new(Msg::InvFileDuplicateColumn).arg("header", text.trim()),
            ));
        }
        columns.push(column);
    }
    let missing: Vec<&str> = Column::ALL
        .into_iter()
        .filter(|c| c.always_required() && !columns.contains(&Some(*c)))
        .map(|c| c.header_prefixes()[0])
        .collect();
    if !missing.is_empty() {
        return Err(AppError::invalid(
            "file",
            LocalText::new(Msg::InvFileMissingColumns).arg("columns", missing.join("、")),
        ));
    }
    Ok(columns.iter().map(Option::is_some).collect())
}

/// The sheet's rows as the template's cells, normalized. The sheet holds no blank row, and no
/// more than `MAX_ROWS`.
fn table(sheet: Sheet) -> Parsed {
    let columns: Vec<Option<Column>> = sheet.header.iter().map(|t| Column::from_header(t)).collect();
    let mut parsed =
        Parsed { rows: Vec::with_capacity(sheet.rows.len()), row_numbers: Vec::with_capacity(sheet.rows.len()) };
    for (number, texts) in sheet.rows {
        let mut cells = cells_from::<&str>(&[]);
        for (text, column) in texts.iter().zip(&columns) {
            if let Some(column) = column {
                cells[column.index()] = normalize(*column, text);
            }
        }
        parsed.rows.push(cells);
        parsed.row_numbers.push(number);
    }
    parsed
}

/// An empty 系統主管機關名稱 takes the directory's name of the OID, as in the grid.
fn fill_authority_name(cells: &mut Cells, authority_name: &impl Fn(&Oid) -> Option<String>) {
    if cells[Column::AuthorityName.index()].is_empty() {
        if let Ok(oid) = Oid::parse(&cells[Column::AuthorityOid.index()]) {
            if let Some(name) = authority_name(&oid) {
                cells[Column::AuthorityName.index()] = name;
            }
        }
    }
}

#[cfg(test)]
mod property_tests {
    use super::*;

    /// A file is rows, or refused with a reason at the file field (or cell by cell): never a
    /// panic and never an internal error.
    fn clear(result: Result<Parsed, AppError>) -> bool {
        matches!(result, Ok(_) | Err(AppError::Invalid { .. } | AppError::InvalidCells(_)))
    }

    fn workbook() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (col, title) in ["資產編號", "系統名稱", "系統屬性"].iter().enumerate() {
            sheet.write(0, col as u16, *title).expect("cell");
            sheet.write(1, col as u16, format!("值{col}")).expect("cell");
        }
        book.save_to_buffer().expect("workbook")
    }

    proptest::proptest! {
        #[test]
        fn any_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..3000), zip in proptest::bool::ANY) {
            let mut file = if zip { b"PK\x03\x04".to_vec() } else { Vec::new() };
            file.extend(bytes);
            proptest::prop_assert!(clear(parse(&file)));
        }

        #[test]
        fn any_csv_text(lines in proptest::collection::vec("[^\n]{0,80}", 0..30)) {
            proptest::prop_assert!(clear(parse(lines.join("\n").as_bytes())));
        }

        #[test]
        fn damaged_workbooks(flips in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), proptest::num::u8::ANY), 1..12)) {
            let mut file = workbook();
            for (at, value) in flips {
                let at = at.index(file.len());
                file[at] = value;
            }
            proptest::prop_assert!(clear(parse(&file)));
        }
    }
}
