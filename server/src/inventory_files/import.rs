//! Reading an inventory spreadsheet: the official XLSX template (headers matched by prefix, so
//! notes after the label do not matter), or CSV in UTF-8 or Big5 (what Excel on a Traditional
//! Chinese Windows writes). Nothing is saved here: the rows go back to the grid with every
//! bad cell, by the spreadsheet's own row number and column.

use app::{
    error::AppError,
    i18n::{LocalText, Msg},
    inventory::{cells_from, is_blank, normalize, CellProblem, Cells, Column, Imported, MAX_ROWS},
    oid::Oid,
};

pub(crate) fn file_error(msg: Msg) -> AppError {
    AppError::invalid("file", msg)
}

/// A sheet's rows as text, each with its row number in the file.
pub(crate) type Grid = Vec<(usize, Vec<String>)>;

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
    table(read_grid(bytes, &super::xlsx::INVENTORY)?)
}

/// The rows of a spreadsheet of the kind `shape` describes: XLSX read in bounded memory, or
/// CSV; refused when too large, the old binary .xls, or not a spreadsheet at all. The
/// inventory's import and the sub-accounts' file both read through here.
pub(crate) fn read_grid(bytes: &[u8], shape: &super::xlsx::Shape) -> Result<Grid, AppError> {
    if bytes.len() > super::MAX_FILE_BYTES {
        return Err(AppError::invalid(
            "file",
            LocalText::new(Msg::InvFileTooLarge).arg("max", super::MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        super::xlsx::grid_within(bytes, &super::xlsx::LIMITS, shape)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // The old binary .xls format.
        Err(file_error(Msg::InvFileOldExcel))
    } else if bytes.iter().take(4096).any(|b| *b == 0) {
        Err(file_error(Msg::InvFileNotSpreadsheet))
    } else {
        csv_grid(bytes, shape.columns as usize)
    }
}

/// A CSV file's rows (UTF-8, or Big5 as Excel on a Traditional Chinese Windows writes it), at
/// most `columns` cells of each kept.
fn csv_grid(bytes: &[u8], columns: usize) -> Result<Grid, AppError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.trim_start_matches('\u{feff}').to_string(),
        Err(_) => {
            let (text, _, bad) = encoding_rs::BIG5.decode(bytes);
            if bad {
                return Err(file_error(Msg::InvFileEncoding));
            }
            text.into_owned()
        }
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|_| file_error(Msg::InvFileNotSpreadsheet))?;
        // As in a workbook: columns far past the template's are not kept.
        grid.push((i + 1, record.iter().take(columns).map(str::to_string).collect()));
    }
    Ok(grid)
}

/// The first row (of the first 20) naming at least five of the columns.
pub(super) fn header_row(grid: &[(usize, Vec<String>)]) -> Option<usize> {
    grid.iter().take(20).position(|(_, texts)| texts.iter().filter_map(|t| Column::from_header(t)).count() >= 5)
}

fn table(grid: Grid) -> Result<Parsed, AppError> {
    let at = header_row(&grid).ok_or_else(|| file_error(Msg::InvFileNoHeader))?;
    let mut columns: Vec<Option<Column>> = Vec::new();
    for text in &grid[at].1 {
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

    let mut parsed = Parsed { rows: Vec::new(), row_numbers: Vec::new() };
    for (number, texts) in grid.into_iter().skip(at + 1) {
        let mut cells = cells_from::<&str>(&[]);
        for (text, column) in texts.iter().zip(&columns) {
            if let Some(column) = column {
                cells[column.index()] = normalize(*column, text);
            }
        }
        if is_blank(&cells) {
            continue;
        }
        if parsed.rows.len() as i64 >= MAX_ROWS {
            return Err(AppError::invalid("file", LocalText::new(Msg::InvTooManyRows).arg("max", MAX_ROWS)));
        }
        parsed.rows.push(cells);
        parsed.row_numbers.push(number);
    }
    Ok(parsed)
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
