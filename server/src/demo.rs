//! The demo directory: a few dozen real organizations and schools, typed in from the
//! official lists (the national OID list of 2018-01-28 and the Ministry of Education's
//! elementary-school list), in those lists' own formats so that they go through the same
//! importer as the real files.

use app::db::DbPool;

use crate::import::{import_bytes, ImportError, ImportReport};

const AGENCIES: &str = include_str!("demo/agencies.csv");
const SCHOOLS: &str = include_str!("demo/schools.csv");
const RENAMES: &str = include_str!("demo/renames.csv");

/// Loads the demo set; loading it again changes nothing.
pub async fn load(pool: &DbPool) -> Result<Vec<ImportReport>, ImportError> {
    let mut reports = Vec::new();
    for file in [AGENCIES, SCHOOLS, RENAMES] {
        reports.push(import_bytes(pool, file.as_bytes(), false).await?);
    }
    Ok(reports)
}

/// True when the directory has no organizations yet.
pub async fn directory_is_empty(pool: &DbPool) -> Result<bool, app::error::AppError> {
    use app::db::schema::organizations;
    use diesel::prelude::*;
    pool.run(|conn| Ok(organizations::table.count().get_result::<i64>(conn)? == 0)).await
}
