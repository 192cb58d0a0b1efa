//! The inventory's server side: who may read and write a sheet, saving, and reporting. Server
//! functions and the file routes call these; they hold the rules.

pub mod reporting;
pub mod sheet;

/// The subsystem whose grant opens the inventory (seeded by the accounts migration).
pub const SUBSYSTEM: &str = "assets";
/// Rows an organization may keep; the largest real inventories are in the hundreds.
pub const MAX_ROWS: i64 = 20_000;
