//! Reading an XLSX workbook in bounded memory, whatever the file. A workbook is a zip of XML;
//! 10 MB of it can inflate to gigabytes, declare a billion shared strings, or put one cell in
//! column XFD, row 1,048,576. So before calamine opens it, every entry is inflated once into
//! nothing, counting (a declared size can lie), and the shared strings are counted; then the
//! cells are read as a stream and kept as `sheet::Keeper` says (the header among the first
//! rows, then only its columns, up to the most rows a sheet may hold and the text a save may
//! carry). The inventory's template and the sub-accounts' file are read the same way, each by
//! its `Shape`.

use std::io::{Cursor, Read};

use app::{error::AppError, i18n::Msg};
use calamine::{DataRef, Reader, Xlsx};

use super::{
    import::file_error,
    sheet::{text, Keeper, Next, Shape, Sheet},
};

/// What a workbook may hold, far above what the template needs (20,000 rows of 21 columns are
/// a worksheet of about 20 MB and 420,000 strings) and far below what hurts.
pub struct Limits {
    pub entries: usize,
    /// One entry, inflated.
    pub entry_bytes: u64,
    /// Every entry, inflated.
    pub total_bytes: u64,
    /// The shared strings, which calamine holds in memory whole.
    pub shared_strings_bytes: u64,
    pub shared_strings: u64,
    /// Sheets looked at for the header row.
    pub sheets: usize,
    /// Cells read, all sheets together.
    pub cells: u64,
}

pub const LIMITS: Limits = Limits {
    entries: 1_000,
    entry_bytes: 96 << 20,
    total_bytes: 160 << 20,
    shared_strings_bytes: 32 << 20,
    shared_strings: 500_000,
    sheets: 10,
    cells: 2_000_000,
};

fn too_large() -> AppError {
    file_error(Msg::InvFileTooComplex)
}

/// Every entry inflated once into nothing, counted; the shared strings counted too.
fn vet(bytes: &[u8], limits: &Limits) -> Result<(), AppError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| file_error(Msg::InvFileNotSpreadsheet))?;
    if archive.len() > limits.entries {
        return Err(too_large());
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| file_error(Msg::InvFileNotSpreadsheet))?;
        let shared = entry.name().is_ok_and(|n| n.eq_ignore_ascii_case("xl/sharedStrings.xml"));
        let limit = if shared { limits.shared_strings_bytes } else { limits.entry_bytes };
        let mut counter = Counter { strings: 0, tail: Vec::new(), bytes: 0, count_strings: shared, head: Vec::new() };
        std::io::copy(&mut (&mut entry).take(limit + 1), &mut counter)
            .map_err(|_| file_error(Msg::InvFileNotSpreadsheet))?;
        // calamine reserves room for as many strings as the file declares: the declaration
        // must be as modest as the strings really there.
        let declared = declared_count(&counter.head);
        if counter.bytes > limit || counter.strings.max(declared) > limits.shared_strings {
            return Err(too_large());
        }
        total = total.saturating_add(counter.bytes);
        if total > limits.total_bytes {
            return Err(too_large());
        }
    }
    Ok(())
}

/// The largest `count` or `uniqueCount` the shared strings' opening `<sst …>` declares.
fn declared_count(head: &[u8]) -> u64 {
    let text = String::from_utf8_lossy(head);
    let Some(sst) = text.find("<sst").map(|at| &text[at..]) else { return 0 };
    let tag = &sst[..sst.find('>').unwrap_or(sst.len())];
    ["count=\"", "uniqueCount=\""]
        .iter()
        .filter_map(|attr| {
            let value = &tag[tag.find(attr)? + attr.len()..];
            let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
            // Too many digits for a u64 is too many strings.
            Some(digits.parse::<u64>().unwrap_or(u64::MAX))
        })
        .max()
        .unwrap_or(0)
}

/// The part of an entry kept to find the shared strings' declared count.
const HEAD: usize = 4096;

/// A sink that counts bytes, and `<si` openings (one per shared string) when asked to.
struct Counter {
    bytes: u64,
    strings: u64,
    count_strings: bool,
    /// The last bytes of the previous chunk, for a `<si` split across two.
    tail: Vec<u8>,
    /// The first bytes, where `<sst count=… uniqueCount=…>` is.
    head: Vec<u8>,
}

impl std::io::Write for Counter {
    fn write(&mut self, chunk: &[u8]) -> std::io::Result<usize> {
        self.bytes += chunk.len() as u64;
        if self.count_strings {
            let room = HEAD.saturating_sub(self.head.len());
            self.head.extend_from_slice(&chunk[..room.min(chunk.len())]);
            let mut joined = std::mem::take(&mut self.tail);
            joined.extend_from_slice(chunk);
            // `<si>` or `<si ` (attributes), not `<sst`; a match in the kept tail is not
            // counted twice because the tail is shorter than a whole match.
            self.strings +=
                joined.windows(4).filter(|w| w[..3] == *b"<si" && (w[3] == b'>' || w[3] == b' ')).count() as u64;
            let keep = joined.len().min(3);
            self.tail = joined[joined.len() - keep..].to_vec();
        }
        Ok(chunk.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first sheet (of the first few) whose header `shape` recognizes, kept as its `Keeper`
/// says; refused as soon as it holds more than one may.
pub fn sheet_within(bytes: &[u8], limits: &Limits, shape: &Shape) -> Result<Sheet, AppError> {
    vet(bytes, limits)?;
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| file_error(Msg::InvFileNotSpreadsheet))?;
    let mut cells_read = 0u64;
    for name in workbook.sheet_names().into_iter().take(limits.sheets) {
        let Ok(mut reader) = workbook.worksheet_cells_reader(&name) else { continue };
        let mut keeper = Keeper::new(shape);
        // The row being read: its number and its cells by column.
        let mut row: Option<(usize, Vec<String>)> = None;
        loop {
            let cell = match reader.next_cell() {
                Ok(Some(cell)) => cell,
                Ok(None) => break,
                Err(_) => return Err(file_error(Msg::InvFileNotSpreadsheet)),
            };
            cells_read += 1;
            if cells_read > limits.cells {
                return Err(too_large());
            }
            let (row_index, col) = cell.get_position();
            let (number, col) = (row_index as usize + 1, col as usize);
            // Rows arrive in order; a new one closes the last.
            if let Some((last, cells)) = row.take_if(|(last, _)| *last != number) {
                if let Next::Stop = keeper.row(last, cells)? {
                    break;
                }
            }
            if !keeper.wants(col) {
                continue;
            }
            let text = text_of(cell.get_value());
            if text.is_empty() {
                continue;
            }
            let (_, cells) = row.get_or_insert_with(|| (number, Vec::new()));
            if cells.len() <= col {
                cells.resize(col + 1, String::new());
            }
            cells[col] = text;
        }
        if let Some((last, cells)) = row {
            keeper.row(last, cells)?;
        }
        if let Some(sheet) = keeper.finish() {
            return Ok(sheet);
        }
    }
    Err(file_error(Msg::InvFileNoHeader))
}

/// A cell as the text a person sees: whole numbers without `.0`, at most `CELL_CHARS`.
fn text_of(cell: &DataRef) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        other => text(&calamine::Data::from(other.clone()).to_string()),
    }
}
