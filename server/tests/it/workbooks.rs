//! Files made to hurt the import: workbooks with cells in column XFD, a billion shared strings
//! declared, a deflate bomb; CSV files of ten megabytes of empty cells, of millions of rows,
//! of cells too long. Each must end quickly with a clear answer, holding no more memory than
//! the template needs: every crafted file is also parsed in a process of its own, and the
//! rise of that process's resident memory is bounded.

use std::{
    process::Command,
    sync::OnceLock,
    time::{Duration, Instant},
};

use app::{error::AppError, i18n::Msg, inventory::Column};
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

/// The answer as `probe` prints it.
fn answer(result: &Result<import::Parsed, AppError>) -> String {
    match result {
        Ok(parsed) => format!("read {}", parsed.len()),
        Err(AppError::Invalid { field, message }) if field == "file" => format!("refused {:?}", message.msg),
        Err(other) => format!("failed {other:?}"),
    }
}

/// One crafted file parsed in a process of its own.
struct Figure {
    name: String,
    answer: String,
    took: Duration,
    /// How far the process's resident memory rose at its peak during the parse, in MB.
    rise_mb: f64,
}

const PROBE: &str = "GATEHOUSE_WORKBOOKS_PROBE";

/// Resident memory of this process in kB: `field` of /proc/self/status (VmRSS, VmHWM).
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_else(|| panic!("no {field}"));
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("kB")
}

/// Not a test of its own: the other process `figures` starts runs it for one crafted file,
/// which it makes, then parses with the kernel's high-water mark of resident memory reset.
#[test]
fn probe() {
    let Ok(name) = std::env::var(PROBE) else { return };
    let (_, make) = crafted::all().into_iter().find(|(n, _)| *n == name).expect("a crafted file");
    // The reader's code read in first: pages of this binary are resident memory too.
    for small in [crafted::HEADER.join(",").into_bytes(), crafted::big5_csv(1), crafted::far_columns(1)] {
        assert!(import::parse(&small).is_ok());
    }
    let bytes = make();
    let base = status_kb("VmRSS:");
    std::fs::write("/proc/self/clear_refs", "5").expect("the peak resident memory reset");
    let started = Instant::now();
    let result = import::parse(&bytes);
    let took = started.elapsed();
    let rise = status_kb("VmHWM:").saturating_sub(base);
    println!("figure\t{rise}\t{}\t{}", took.as_micros(), answer(&result));
}

/// Every crafted file parsed by `probe` in a process of its own (this test binary again, one
/// file a process, one after another), so that the memory of no other test, and of no earlier
/// file, counts.
fn figures() -> &'static [Figure] {
    static FIGURES: OnceLock<Vec<Figure>> = OnceLock::new();
    FIGURES.get_or_init(|| {
        let binary = std::env::current_exe().expect("this test binary");
        crafted::all()
            .into_iter()
            .map(|(name, _)| {
                let out = Command::new(&binary)
                    .args(["workbooks::probe", "--exact", "--nocapture", "--test-threads=1"])
                    .env(PROBE, name)
                    .output()
                    .expect("the probe runs");
                let stdout = String::from_utf8_lossy(&out.stdout);
                // After the harness's "test workbooks::probe ... ".
                let line =
                    stdout.lines().find_map(|l| l.split_once("figure\t")).map(|(_, l)| l).unwrap_or_else(|| {
                        panic!("{name}: no figure\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr))
                    });
                let mut parts = line.splitn(3, '\t');
                let mut number = || parts.next().and_then(|n| n.parse::<u64>().ok()).expect("a number");
                let (rise_kb, micros) = (number(), number());
                Figure {
                    name: name.to_string(),
                    rise_mb: rise_kb as f64 / 1024.0,
                    took: Duration::from_micros(micros),
                    answer: parts.next().expect("the answer").to_string(),
                }
            })
            .collect()
    })
}

fn figure(name: &str) -> &'static Figure {
    figures().iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no crafted file {name}"))
}

#[test]
fn every_hostile_file_ends_quickly_with_an_answer_in_bounded_memory() {
    for f in figures() {
        assert!(f.took < Duration::from_secs(5), "{}: {:?}", f.name, f.took);
        assert!(f.answer.starts_with("read ") || f.answer.starts_with("refused "), "{}: {}", f.name, f.answer);
        // A sheet as large as the import takes (20,000 rows of 21 columns) holds some 35 MB;
        // no hostile file may cost more than about as much.
        assert!(f.rise_mb < 64.0, "{}: peak memory rose {:.1} MB", f.name, f.rise_mb);
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
fn one_long_shared_string_in_every_cell_is_too_much_text() {
    // 15 MB of sheet naming one string of 4,000 characters 420,000 times: 1.7 GB of cells.
    assert_eq!(
        figure("20,000 rows of a 4,000-char shared string").answer,
        format!("refused {:?}", Msg::InvFileTooComplex)
    );
}

#[test]
fn a_csv_of_a_million_commas_keeps_only_the_template_columns() {
    let (result, took) = timed(&crafted::million_commas());
    assert_eq!(result.expect("read").len(), 1);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn a_csv_of_empty_cells_keeps_nothing() {
    // Issue 26: 10 MiB of lines of 62 commas took the server from 106 to 812 MiB.
    let bytes = crafted::empty_cells_csv();
    assert!(bytes.len() > 10_000_000 && bytes.len() <= app::inventory::MAX_FILE_BYTES, "{}", bytes.len());
    assert_eq!(import::parse(&bytes).expect("read").len(), 0);
    let f = figure("CSV, 10 MiB of empty cells (issue 26)");
    assert!(f.rise_mb < 8.0, "peak memory rose {:.1} MB", f.rise_mb);
    // One record of ten million cells: only the first columns are looked at.
    let f = figure("CSV, one line of 10 million commas");
    assert_eq!(f.answer, "read 0");
    assert!(f.rise_mb < 8.0, "peak memory rose {:.1} MB", f.rise_mb);
}

#[test]
fn a_csv_without_the_header_is_refused_from_its_first_rows() {
    let (result, _) = timed(&crafted::empty_cells_csv_headless());
    refused_as(&result, Msg::InvFileNoHeader);
    // The rest of the file is not read: nothing is held, and it takes no time.
    let f = figure("CSV, the same without the header");
    assert!(f.rise_mb < 2.0, "peak memory rose {:.1} MB", f.rise_mb);
    assert!(f.took < Duration::from_millis(100), "{:?}", f.took);
}

#[test]
fn too_many_csv_rows_stop_the_reading() {
    let max = app::inventory::MAX_ROWS as usize;
    assert_eq!(import::parse(&crafted::one_cell_rows_csv(max)).expect("read").len(), max);
    refused_as(&timed(&crafted::one_cell_rows_csv(max + 1)).0, Msg::InvTooManyRows);
    // Five million rows: refused at the 20,001st, not after all are read.
    refused_as(&timed(&crafted::many_rows_csv()).0, Msg::InvTooManyRows);
    let f = figure("CSV, 5 million one-cell rows");
    assert!(f.rise_mb < 8.0, "peak memory rose {:.1} MB", f.rise_mb);
}

#[test]
fn huge_csv_cells_are_cut_as_in_a_workbook() {
    let (result, took) = timed(&crafted::huge_cells_csv());
    let imported = result.expect("read").finish(|_| None);
    assert_eq!(imported.rows.len(), 5);
    for cells in &imported.rows {
        assert!(
            cells.iter().all(|c| c.chars().count() == 4_000),
            "{:?}",
            cells.iter().map(String::len).collect::<Vec<_>>()
        );
    }
    assert!(took < Duration::from_secs(5), "{took:?}");
    let f = figure("CSV, 21 cells of 30,000 chars a row");
    assert!(f.rise_mb < 16.0, "peak memory rose {:.1} MB", f.rise_mb);
}

#[test]
fn a_big5_csv_reads_as_its_text() {
    let (text, _, bad) = encoding_rs::BIG5.decode(crafted::SEED_BIG5);
    assert!(!bad);
    assert!(text.starts_with(&crafted::HEADER.join(",")), "{text}");
    let imported = import::parse(&crafted::big5_csv(20_000)).expect("read").finish(|_| None);
    assert_eq!(imported.rows.len(), 20_000);
    assert_eq!((imported.row_numbers[0], imported.row_numbers[19_999]), (2, 20_001));
    assert_eq!(imported.rows[19_999][Column::SystemName.index()], "系統A");
    assert_eq!(imported.rows[19_999][Column::ChinaComponents.index()], "無");
    // As many rows as the import takes: what a sheet costs, as much as any hostile file may.
    let f = figure("CSV in Big5, 20,000 rows");
    assert!(f.rise_mb < 64.0, "peak memory rose {:.1} MB", f.rise_mb);
}
