//! CSV cells that a spreadsheet would not run as formulas.

/// A cell starting like a formula gets a leading apostrophe (OWASP's advice for CSV injection).
pub fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A CSV file for spreadsheets: a byte-order mark (so Excel reads UTF-8 Chinese), the header
/// row, then `rows` with every cell defused.
pub fn spreadsheet_csv<R, C>(headers: &[&str], rows: R) -> Result<Vec<u8>, csv::Error>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator,
    C::Item: AsRef<str>,
{
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(headers)?;
        for row in rows {
            w.write_record(row.into_iter().map(|cell| defuse(cell.as_ref())))?;
        }
        w.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_are_defused() {
        assert_eq!(super::defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::defuse("-1+2"), "'-1+2");
        assert_eq!(super::defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::defuse("010300_teacher"), "010300_teacher");
    }
}
