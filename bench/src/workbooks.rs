//! Hostile workbooks and CSV files through the import, each measured in a process of its own:
//! time, and how much the process's resident memory rose at its peak (the kernel's high-water
//! mark, reset before). One process for all would hide a file's memory behind what an earlier
//! file freed and the allocator kept.

use std::{
    process::Command,
    time::{Duration, Instant},
};

use app::error::AppError;
use gatehouse::inventory_files::{admit, charge, import, BUDGET_MIB, SESSION_MIB};

#[path = "../../server/tests/it/crafted.rs"]
mod crafted;

/// Set to a measurement's name, the benchmark makes that one alone and prints its line.
const ONE: &str = "GATEHOUSE_BENCH_WORKBOOK";
const FOUR_AT_ONCE: &str = "CSV, issue 26's file, 4 at once";

/// Files read as the import's route reads them.
fn route_files() -> [crafted::Crafted; 6] {
    [
        ("route: CSV, 20,000 one-cell rows (all wrong)", || crafted::one_cell_rows_csv(20_000)),
        // As much text as a sheet may hold (24 MB), every cell of it wrong.
        ("route: 20,000 rows of a 57-char shared string", || crafted::shared_string_cells(20_000, 57)),
        ("route: CSV in Big5, 20,000 rows", || crafted::big5_csv(20_000)),
        ("route: 20,000 rows with a cell in column XFD", || crafted::far_columns(20_000)),
        ("route: CSV, 21 cells of 30,000 chars a row", crafted::huge_cells_csv),
        ("route: CSV, 10 MiB of empty cells (issue 26)", crafted::empty_cells_csv),
    ]
}

/// Resets the process's peak resident memory to its current one (Linux, `clear_refs` 5).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// `work`'s answer, how long it took, and how far the process's resident memory rose at its
/// peak meanwhile.
fn measured<T>(work: impl FnOnce() -> T) -> (T, Duration, String) {
    let base = crate::sign_in::rss_kb("VmRSS:");
    let measured = reset_peak();
    let started = Instant::now();
    let answer = work();
    let took = started.elapsed();
    let peak = crate::sign_in::rss_kb("VmHWM:");
    let rise = if measured { format!("{:.1} MB", crate::sign_in::mb(peak.saturating_sub(base))) } else { "n/a".into() };
    (answer, took, rise)
}

fn outcome(parsed: Result<import::Parsed, AppError>) -> String {
    match parsed {
        Ok(parsed) => format!("read, {} rows", parsed.len()),
        Err(e) => format!("refused: {}", e.message().render(app::i18n::Locale::En)),
    }
}

/// The measurement `name`, in this process.
fn measure(name: &str) -> String {
    // The reader's code read in first: pages of this binary are resident memory too.
    for small in [crafted::HEADER.join(",").into_bytes(), crafted::big5_csv(1), crafted::far_columns(1)] {
        drop(import::parse(&small));
    }
    if let Some((_, make)) = crafted::all().into_iter().find(|(n, _)| *n == name) {
        let bytes = make();
        let (outcome, took, rise) = measured(|| outcome(import::parse(&bytes)));
        let size = bytes.len() as f64 / 1024.0;
        return format!("{name:<42} {size:>7.1} KB file  {took:>9.2?}  peak memory +{rise:<9} {outcome}");
    }
    if name == FOUR_AT_ONCE {
        // Each on its own thread, as the server's blocking pool parses four uploads; and how
        // many of them the budget of files read at once admits.
        let file = crafted::empty_cells_csv();
        let (outcomes, took, rise) = measured(|| {
            std::thread::scope(|s| {
                let parses: Vec<_> = (0..4).map(|_| s.spawn(|| outcome(import::parse(&file)))).collect();
                parses.into_iter().map(|p| p.join().unwrap_or_else(|_| "panicked".into())).collect::<Vec<_>>()
            })
        });
        let admitted = |sessions: [&str; 4]| {
            sessions.map(|s| admit(s, &file, &import::INVENTORY)).iter().filter(|r| r.is_ok()).count()
        };
        return format!(
            "{name:<42} {:>7.1} KB each  {took:>9.2?}  peak memory +{rise:<9} {}; admitted at once: {} from one \
             session, {} from four",
            file.len() as f64 / 1024.0,
            outcomes.join("; "),
            admitted(["a"; 4]),
            admitted(["a", "b", "c", "d"])
        );
    }
    let (_, make) = route_files().into_iter().find(|(n, _)| *n == name).expect("a measurement");
    let bytes = make();
    let (answer, took, rise) = measured(|| match import::parse(&bytes) {
        Ok(parsed) => match serde_json::to_vec(&parsed.finish(|_| None)) {
            Ok(json) => format!("{:.1} MB of JSON", json.len() as f64 / 1e6),
            Err(e) => e.to_string(),
        },
        Err(e) => outcome(Err(e)),
    });
    format!(
        "{:<42} {:>7.1} KB file  {took:>9.2?}  peak memory +{rise:<9} charged {:>3} MiB  {answer}",
        name.trim_start_matches("route: "),
        bytes.len() as f64 / 1024.0,
        charge(&bytes, &import::INVENTORY)
    )
}

/// The measurement `name` made by this benchmark again, in a process of its own.
fn in_own_process(name: &str) -> String {
    let run = std::env::current_exe().and_then(|exe| Command::new(exe).arg("workbooks").env(ONE, name).output());
    match run {
        Ok(out) => String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("figure: "))
            .map_or_else(|| format!("{name}: failed, {}", String::from_utf8_lossy(&out.stderr)), str::to_string),
        Err(e) => format!("{name}: {e}"),
    }
}

pub fn bench() {
    if let Ok(name) = std::env::var(ONE) {
        println!("figure: {}", measure(&name));
        return;
    }
    println!("\n## Hostile files through the import (each refused or read in bounded memory)");
    for (name, _) in crafted::all() {
        println!("{}", in_own_process(name));
    }
    println!("{}", in_own_process(FOUR_AT_ONCE));
    println!(
        "\n## A file read as the import's route reads it (parsed, checked, answered as JSON), and its charge to \
         the budget of files read at once ({BUDGET_MIB} MiB, {SESSION_MIB} MiB a session)"
    );
    for (name, _) in route_files() {
        println!("{}", in_own_process(name));
    }
}
