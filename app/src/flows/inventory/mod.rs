//! The inventory's server side: who may read and write a sheet, saving, and reporting. Server
//! functions and the file routes call these; they hold the rules.

pub mod reporting;
pub mod sheet;
