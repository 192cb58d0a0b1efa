//! The inventory's server-side work at 10,000 rows: checking every row with the shared rules,
//! writing the template (XLSX) and CSV, and reading both back.

use std::time::Instant;

use app::inventory::{
    cells_from,
    examples::{MAIL_SERVER, SYSTEM_A, SYSTEM_C},
    CellProblem, Cells, Column,
};
use gatehouse::inventory_files::{export, import};

const ROWS: usize = 10_000;

/// 10,000 rows cycling through three of the seed's example rows, each with its own name.
fn rows() -> Vec<Cells> {
    let seed = [SYSTEM_A, SYSTEM_C, MAIL_SERVER];
    (0..ROWS)
        .map(|i| {
            let mut cells = cells_from(&seed[i % 3]);
            cells[Column::SystemName.index()] = format!("系統{i:05}");
            cells
        })
        .collect()
}

pub fn bench() {
    println!("\n## Inventory files ({ROWS} rows)");
    let rows = rows();
    // What the server does as it loads a sheet: every row checked, natively, once.
    let started = Instant::now();
    let problems = CellProblem::of_rows(&rows);
    assert_eq!(problems.len(), 0);
    println!("check every row (native):    {:>9.2?}", started.elapsed());
    // What the grid page does with the sheet it is sent (the browser's figure is the wasm's).
    let stored: Vec<app::inventory::StoredRow> = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| app::inventory::StoredRow { id: i as i64 + 1, version: 1, cells: cells.clone() })
        .collect();
    let started = Instant::now();
    let grid = app::inventory::grid::Grid::from_rows(stored, problems);
    println!("load into the grid (native):  {:>9.2?}  ({} rows)", started.elapsed(), grid.rows.len());

    let table = export::Table { prefix_headers: &[], rows: rows.iter().map(|c| (vec![], c)).collect() };
    let started = Instant::now();
    let xlsx = export::xlsx(&table).expect("xlsx");
    println!("export XLSX:                 {:>9.2?}  ({:.0} KB)", started.elapsed(), xlsx.len() as f64 / 1024.0);
    let started = Instant::now();
    let csv = export::csv(&table).expect("csv");
    println!("export CSV:                  {:>9.2?}  ({:.0} KB)", started.elapsed(), csv.len() as f64 / 1024.0);

    for (name, bytes) in [("XLSX", &xlsx), ("CSV ", &csv)] {
        let started = Instant::now();
        let imported = import::read(bytes, |_| None).expect("import");
        let elapsed = started.elapsed();
        assert_eq!((imported.rows.len(), imported.problems.len()), (ROWS, 0));
        assert_eq!(imported.rows, rows, "read back as written");
        println!("import {name} (read + check): {elapsed:>9.2?}");
    }
}
