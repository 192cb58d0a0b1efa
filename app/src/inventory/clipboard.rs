//! Blocks of cells as spreadsheets put them on the clipboard: rows by line, cells by tab, a
//! cell with a tab, line break or quote in double quotes (quotes doubled). Excel, LibreOffice
//! and Google Sheets all write this.

/// The rows of `text`. A final line break does not make an extra empty row.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_suffix("\r\n").or_else(|| text.strip_suffix('\n')).unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // A quoted cell: up to the lone closing quote.
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            other => {
                cell.push(other);
                at_cell_start = false;
            }
        }
    }
    row.push(cell);
    rows.push(row);
    rows
}

/// `rows` as a spreadsheet reads them from the clipboard (for copying out of the grid).
pub fn write(rows: &[Vec<String>]) -> String {
    let quote = |cell: &String| {
        if cell.contains(['\t', '\n', '\r', '"']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.clone()
        }
    };
    rows.iter().map(|row| row.iter().map(quote).collect::<Vec<_>>().join("\t")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn excel_blocks() {
        assert_eq!(parse("a\tb\r\nc\td\r\n"), owned(&[&["a", "b"], &["c", "d"]]));
        assert_eq!(parse("a\tb\nc\td"), owned(&[&["a", "b"], &["c", "d"]]));
        assert_eq!(parse("單一"), owned(&[&["單一"]]));
        assert_eq!(parse("a\t\tc\n"), owned(&[&["a", "", "c"]]));
        assert_eq!(parse(""), owned(&[&[""]]));
    }

    #[test]
    fn quoted_cells_keep_tabs_breaks_and_quotes() {
        assert_eq!(parse("\"第一行\n第二行\"\tx\n"), owned(&[&["第一行\n第二行", "x"]]));
        assert_eq!(parse("\"說 \"\"是\"\"\"\t\"a\tb\""), owned(&[&["說 \"是\"", "a\tb"]]));
        // A quote inside an unquoted cell is just a character.
        assert_eq!(parse("5\" 磁碟\tx"), owned(&[&["5\" 磁碟", "x"]]));
    }

    #[test]
    fn what_is_written_reads_back() {
        let rows = owned(&[&["a\tb", "第一行\n第二行", "說 \"是\""], &["", "x", ""]]);
        assert_eq!(parse(&write(&rows)), rows);
    }

    use proptest::strategy::Strategy;

    // Whatever is on the clipboard becomes rows of cells, never a panic; and what the grid
    // copies out comes back in as the same cells, tabs, line breaks and quotes included.
    proptest::proptest! {
        #[test]
        fn any_text_becomes_rows(text in "(?s).{0,400}") {
            let rows = parse(&text);
            proptest::prop_assert!(!rows.is_empty());
        }

        #[test]
        fn copied_cells_paste_back(
            rows in proptest::collection::vec(proptest::collection::vec("(?s)[a-z\"\t\r\n 臺]{0,6}", 1..5), 1..6)
                .prop_filter("a last row of one empty cell is a trailing line break", |rows| {
                    rows.len() == 1 || rows.last().is_some_and(|r| r != &[String::new()])
                })
        ) {
            proptest::prop_assert_eq!(parse(&write(&rows)), rows);
        }
    }
}
