//! Importing the official directory files: recognise the format by its header, parse every
//! row (pure, in `parse`), then apply the good rows in one transaction (`apply`).

mod apply;
mod formats;
mod parse;
mod report;

pub use apply::apply;
pub use formats::Format;
pub use parse::{parse, ParseError, Parsed, Row};
pub use report::{ImportReport, Rejected};

/// Parses and applies one file's bytes.
pub async fn import_bytes(pool: &app::db::DbPool, bytes: &[u8], dry_run: bool) -> Result<ImportReport, ImportError> {
    let parsed = parse(bytes)?;
    Ok(apply(pool, parsed, dry_run).await?)
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error("the database refused the import: {0}")]
    Database(#[from] app::error::AppError),
}
