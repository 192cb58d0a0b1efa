//! Workbooks made to hurt the import: cells in column XFD, one cell in the far corner, a
//! billion shared strings declared, a deflate bomb, a CSV of a million commas. Each must end
//! quickly with a clear answer, reading no more than the template needs.

use std::time::{Duration, Instant};

use app::{error::AppError, i18n::Msg};
use gatehouse::inventory_files::import;

use crate::crafted;

/// Parses `bytes` and says how long it took.
fn timed(bytes: &[u8]) -> (Result<import::Parsed, AppError>, Duration) {
    let started = Instant::now();
    let result = import::parse(bytes);
    (result, started.elapsed())
}

fn refused_as(result: &Result<import::Parsed, AppError>, msg: Msg) {
    match result {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "file");
            assert_eq!(message.msg, msg, "{message:?}");
        }
        Err(other) => panic!("{other:?}"),
        Ok(parsed) => panic!("accepted {} rows", parsed.len()),
    }
}

#[test]
fn cells_far_to_the_right_are_ignored_not_padded() {
    // 20,000 rows, each with the seed's row and a cell in column XFD (16,384): padded to that
    // column, 327 million cells.
    let bytes = crafted::far_columns(20_000);
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    let (result, took) = timed(&bytes);
    let parsed = result.expect("read");
    assert_eq!(parsed.len(), 20_000);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn one_cell_in_the_far_corner_costs_nothing() {
    let bytes = crafted::far_corner();
    let (result, took) = timed(&bytes);
    assert_eq!(result.expect("read").len(), 0);
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn a_billion_shared_strings_declared_are_refused() {
    let bytes = crafted::declared_strings();
    let (result, took) = timed(&bytes);
    refused_as(&result, Msg::InvFileTooComplex);
    assert!(took < Duration::from_secs(2), "{took:?}");
    // As many real strings, beyond the limit, are refused too.
    let bytes = crafted::many_strings(600_001);
    refused_as(&timed(&bytes).0, Msg::InvFileTooComplex);
}

#[test]
fn a_deflate_bomb_is_refused_before_it_is_read() {
    // 200 MB of spaces inside the sheet, a few hundred KB compressed.
    let bytes = crafted::deflate_bomb(200);
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    let (result, took) = timed(&bytes);
    refused_as(&result, Msg::InvFileTooComplex);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn too_many_rows_stop_the_reading() {
    let bytes = crafted::many_rows(app::inventory::MAX_ROWS as usize + 200);
    refused_as(&timed(&bytes).0, Msg::InvTooManyRows);
}

#[test]
fn a_csv_of_a_million_commas_keeps_only_the_template_columns() {
    let (result, took) = timed(&crafted::million_commas());
    assert_eq!(result.expect("read").len(), 1);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn every_hostile_file_ends_quickly_with_an_answer() {
    for (name, bytes) in crafted::all() {
        let (result, took) = timed(&bytes);
        assert!(took < Duration::from_secs(5), "{name}: {took:?}");
        if let Err(error) = &result {
            assert!(matches!(error, AppError::Invalid { field, .. } if field == "file"), "{name}: {error:?}");
        }
    }
}
