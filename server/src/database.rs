//! Opening the database: embedded migrations for each backend, run at start.

use app::db::{AnyConnection, DbPool, DbUrl};
use diesel::connection::SimpleConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Any key will do, as long as every Gatehouse process uses the same one.
const MIGRATION_LOCK: i64 = 0x6761_7465_686f_7573;

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("cannot create the database folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("migration failed: {0}")]
    Migrate(String),
}

fn migration_failed(e: Box<dyn std::error::Error + Send + Sync>) -> DatabaseError {
    DatabaseError::Migrate(e.to_string())
}

/// Brings the schema up to date and returns how many migrations ran. Several processes may
/// start at once against one PostgreSQL; an advisory lock lets one migrate at a time.
pub fn migrate(url: &DbUrl) -> Result<usize, DatabaseError> {
    if let DbUrl::Sqlite(path) = url {
        if let Some(dir) = std::path::Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| DatabaseError::Folder { path: dir.display().to_string(), source })?;
        }
    }
    let sql_err = |e: diesel::result::Error| DatabaseError::Migrate(e.to_string());
    match url.establish()? {
        AnyConnection::Sqlite(mut conn) => {
            Ok(conn.run_pending_migrations(SQLITE_MIGRATIONS).map_err(migration_failed)?.len())
        }
        AnyConnection::Postgresql(mut conn) => {
            conn.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).map_err(sql_err)?;
            let ran = conn.run_pending_migrations(POSTGRES_MIGRATIONS).map_err(migration_failed).map(|v| v.len());
            conn.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).map_err(sql_err)?;
            ran
        }
    }
}

/// Migrates, then opens the pool.
pub fn open(url: &DbUrl, pool_size: usize) -> Result<DbPool, DatabaseError> {
    let ran = migrate(url)?;
    if ran > 0 {
        tracing::info!(migrations = ran, "database schema updated");
    }
    Ok(DbPool::new(url, pool_size))
}

/// How many of this release's migrations the database has not had: 0 when its schema is the
/// one this release expects (or newer, from a later release during a rolling upgrade).
pub fn pending(conn: &mut AnyConnection) -> Result<usize, DatabaseError> {
    match conn {
        AnyConnection::Sqlite(conn) => {
            conn.pending_migrations(SQLITE_MIGRATIONS).map_err(migration_failed).map(|p| p.len())
        }
        AnyConnection::Postgresql(conn) => {
            conn.pending_migrations(POSTGRES_MIGRATIONS).map_err(migration_failed).map(|p| p.len())
        }
    }
}

/// Whether this release knows migration `version`: a database migrated by a later release
/// is not one to restore under this one.
pub fn knows_migration(version: &str) -> bool {
    use diesel::migration::MigrationSource;
    let versions = MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE_MIGRATIONS).unwrap_or_default();
    versions.iter().any(|m| m.name().version().to_string() == version)
}

/// Runs this release's migrations up to and including `version` only, and returns how many
/// ran: a database as the release that ended there left it. For the upgrade test, which fills
/// such a database as that release would have and then starts this one on it.
pub fn migrate_until(url: &DbUrl, version: &str) -> Result<usize, DatabaseError> {
    fn up_to<DB: diesel::backend::Backend>(
        conn: &mut impl MigrationHarness<DB>,
        // The constant, asked for anew each time: a harness takes its source by value.
        source: fn() -> EmbeddedMigrations,
        version: &str,
    ) -> Result<usize, DatabaseError> {
        let mut ran = 0;
        loop {
            let pending = conn.pending_migrations(source()).map_err(migration_failed)?;
            match pending.first().map(|m| m.name().version().to_string()) {
                Some(next) if next.as_str() <= version => {
                    conn.run_next_migration(source()).map_err(migration_failed)?;
                    ran += 1;
                }
                _ => return Ok(ran),
            }
        }
    }
    match url.establish()? {
        AnyConnection::Sqlite(mut conn) => up_to(&mut conn, || SQLITE_MIGRATIONS, version),
        AnyConnection::Postgresql(mut conn) => up_to(&mut conn, || POSTGRES_MIGRATIONS, version),
    }
}
