//! Reading a CSV file (UTF-8, or Big5 as Excel on a Traditional Chinese Windows writes it) in
//! bounded memory: a record at a time, each cut after the columns a sheet may have, kept as
//! `sheet::Keeper` says. A file is at most 10 MiB, but it was read whole, every record kept
//! before any limit: 10 MiB of lines of 62 commas took the server from 106 to 812 MiB (issue
//! 26).

use std::{borrow::Cow, io::Read};

use app::{error::AppError, i18n::Msg};

use super::{
    import::file_error,
    sheet::{text, Keeper, Next, Shape, Sheet},
};

/// The sheet a CSV file holds, of the kind `shape` describes; refused as soon as its first
/// rows show it is not one, or it holds more than one may.
pub(crate) fn read(bytes: &[u8], shape: &Shape) -> Result<Sheet, AppError> {
    let decoded: Cow<str> = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text.trim_start_matches('\u{feff}')),
        Err(_) => {
            // Decoded whole, at most 1.5 times the file (two bytes of Big5 are three of UTF-8).
            let (text, _, bad) = encoding_rs::BIG5.decode(bytes);
            if bad {
                return Err(file_error(Msg::InvFileEncoding));
            }
            text
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(FirstFields::new(decoded.as_bytes(), shape.columns as usize));
    let mut keeper = Keeper::new(shape);
    let mut record = csv::StringRecord::new();
    let mut number = 0;
    while reader.read_record(&mut record).map_err(|_| file_error(Msg::InvFileNotSpreadsheet))? {
        number += 1;
        // A blank record (its fields together, separators aside, are spaces) is no cells.
        let cells = if record.as_slice().trim().is_empty() {
            Vec::new()
        } else {
            record
                .iter()
                .enumerate()
                .map(|(col, cell)| if keeper.wants(col) { text(cell) } else { String::new() })
                .collect()
        };
        if let Next::Stop = keeper.row(number, cells)? {
            break;
        }
    }
    keeper.finish().ok_or_else(|| file_error(Msg::InvFileNoHeader))
}

/// CSV text with every record cut after its first `columns` fields (and the separator after
/// them: the csv crate reads one more field, empty). The csv crate holds a record whole, with
/// 8 bytes a field and room for as many again: one line of ten million commas is 128 MB
/// before its first cell is looked at. The cut follows quotes as the csv crate does (a quote
/// opens a quoted field only at its start, and `""` inside one is a quote), so that it falls
/// on the record's own separators.
struct FirstFields<'a> {
    rest: &'a [u8],
    columns: usize,
    /// Separators met in this record.
    separators: usize,
    at: At,
    /// Past the separator after the record's last field kept: bytes are dropped until the
    /// record ends.
    dropping: bool,
}

/// Where in a record a byte falls.
#[derive(Clone, Copy)]
enum At {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the end of the field, or the first of `""`.
    QuoteInQuoted,
}

impl<'a> FirstFields<'a> {
    fn new(text: &'a [u8], columns: usize) -> Self {
        FirstFields { rest: text, columns, separators: 0, at: At::FieldStart, dropping: false }
    }
}

impl Read for FirstFields<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let (mut used, mut written) = (0, 0);
        for &byte in self.rest {
            if written == out.len() {
                break;
            }
            used += 1;
            let mut last_kept = false;
            self.at = match (self.at, byte) {
                (At::Quoted, b'"') => At::QuoteInQuoted,
                (At::Quoted, _) => At::Quoted,
                (At::FieldStart | At::QuoteInQuoted, b'"') => At::Quoted,
                (_, b',') => {
                    self.separators += 1;
                    last_kept = self.separators >= self.columns;
                    At::FieldStart
                }
                (_, b'\r' | b'\n') => {
                    self.separators = 0;
                    self.dropping = false;
                    At::FieldStart
                }
                _ => At::Unquoted,
            };
            if !self.dropping {
                out[written] = byte;
                written += 1;
            }
            self.dropping |= last_kept;
        }
        self.rest = &self.rest[used..];
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record's fields, as the csv crate reads `input`.
    fn records(input: impl Read) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
        reader.records().map(|r| r.expect("record").iter().map(str::to_string).collect()).collect()
    }

    fn first(records: Vec<Vec<String>>, columns: usize) -> Vec<Vec<String>> {
        records.into_iter().map(|r| r.into_iter().take(columns).collect()).collect()
    }

    #[test]
    fn records_are_cut_on_their_own_separators() {
        let text = "a,b,c,d\r\n\"x,\"\"y\"\"\nz\",2,3\n1,\"q\"r,s,t\n\n,,,,,,\n";
        // Two fields, and the empty one after the separator that ends them.
        assert_eq!(
            records(FirstFields::new(text.as_bytes(), 2)),
            [vec!["a", "b", ""], vec!["x,\"y\"\nz", "2", ""], vec!["1", "qr", ""], vec!["", "", ""]]
        );
        assert_eq!(records(FirstFields::new(text.as_bytes(), 10)), records(text.as_bytes()));
        assert_eq!(records(FirstFields::new(",".repeat(1_000_000).as_bytes(), 2)), [vec!["", "", ""]]);
    }

    proptest::proptest! {
        /// Cut or not, the fields kept are the csv crate's own, row for row.
        #[test]
        fn the_fields_kept_are_the_csv_crates(text in "[a\",\r\n]{0,60}", columns in 1usize..5) {
            let cut = records(FirstFields::new(text.as_bytes(), columns));
            proptest::prop_assert!(cut.iter().all(|r| r.len() <= columns + 1));
            proptest::prop_assert_eq!(first(cut, columns), first(records(text.as_bytes()), columns));
        }
    }
}
