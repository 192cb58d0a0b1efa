//! The inventory as files: reading the official XLSX template (or CSV) into checked rows, and
//! writing the template back with its dropdowns and 填表說明 sheet, or a formula-safe CSV.

pub mod export;
pub mod import;
pub mod xlsx;

pub use app::inventory::MAX_FILE_BYTES;
