//! Hostile workbooks through the import, each in its own measurement: time, and how much the
//! process's resident memory rose at its peak (the kernel's high-water mark, reset before each).

use std::time::Instant;

#[path = "../../server/tests/it/crafted.rs"]
mod crafted;

/// Resets the process's peak resident memory to its current one (Linux, `clear_refs` 5).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

pub fn bench() {
    println!("\n## Hostile workbooks through the import (each refused or read in bounded memory)");
    for (name, bytes) in crafted::all() {
        let base = crate::sign_in::rss_kb("VmRSS:");
        let measured = reset_peak();
        let started = Instant::now();
        let outcome = match gatehouse::inventory_files::import::parse(&bytes) {
            Ok(parsed) => format!("read, {} rows", parsed.len()),
            Err(e) => format!("refused: {}", e.message().render(app::i18n::Locale::En)),
        };
        let took = started.elapsed();
        let peak = crate::sign_in::rss_kb("VmHWM:");
        let rise =
            if measured { format!("{:.1} MB", crate::sign_in::mb(peak.saturating_sub(base))) } else { "n/a".into() };
        println!(
            "{name:<40} {:>7.1} KB file  {took:>9.2?}  peak memory +{rise:<9} {outcome}",
            bytes.len() as f64 / 1024.0
        );
    }
}
