//! The inventory as files: reading the official XLSX template (or CSV) into checked rows, and
//! writing the template back with its dropdowns and 填表說明 sheet, or a formula-safe CSV.

pub mod export;
pub mod import;

/// The largest file accepted for import. The template with 10,000 rows is under 1 MB.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
