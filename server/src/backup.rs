//! `gatehouse backup DIR` and `gatehouse restore DIR` for the embedded SQLite database.
//!
//! A backup is a folder of three files: `gatehouse.db`, a consistent copy taken with SQLite's
//! `VACUUM INTO` while the server runs (one read transaction: every write committed before it
//! began is in it, none half); `secret.key`, the installation's key, without which the sealed
//! authenticator secrets and keys in the copy cannot be opened; and `manifest.json`, written
//! last, which names the release, the newest migration, the copy's SHA-256 and its tables'
//! row counts. A folder without the manifest is not a backup.
//!
//! A restore checks all of that first, then puts the database and the key where the settings
//! say (`DATABASE_URL`, `GATEHOUSE_SECRET_KEY_FILE`) and refuses to overwrite either. The next
//! `gatehouse serve` migrates a copy from an older release as it would the database itself.
//!
//! PostgreSQL has its own tools for this (`pg_dump`, `pg_restore`: README, "Backups"); the key
//! is backed up beside the dump by hand.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use app::db::DbUrl;
use diesel::{sql_query, Connection, RunQueryDsl, SqliteConnection};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::{key_location, write_private, KeyLocation};

const DATABASE: &str = "gatehouse.db";
const KEY: &str = "secret.key";
const MANIFEST: &str = "manifest.json";
/// The manifest's layout; a later one is refused by an older release.
const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: u32,
    /// The release that made it.
    pub gatehouse: String,
    /// Unix time when the copy began.
    pub created_at: i64,
    pub database: String,
    pub database_sha256: String,
    pub database_bytes: u64,
    /// The newest migration in the copy.
    pub migration: Option<String>,
    pub key: String,
    pub tables: BTreeMap<String, i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Refused(String),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("the database: {0}")]
    Database(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io { path: path.display().to_string(), source }
}

fn database_error(e: impl std::fmt::Display) -> BackupError {
    BackupError::Database(e.to_string())
}

/// The SQLite file `url` names, or why this command does not apply.
fn sqlite_path(url: &DbUrl, what: &str) -> Result<PathBuf, BackupError> {
    match url {
        DbUrl::Sqlite(path) => Ok(PathBuf::from(path)),
        DbUrl::Postgres(_) => Err(BackupError::Refused(format!(
            "DATABASE_URL is PostgreSQL, which is {what} with its own tools: pg_dump and pg_restore, with the secret \
             key kept beside the dump (README, \"Backups\")"
        ))),
    }
}

/// Writes a backup of the database `url` names, and of the secret key, into `dir`, which must
/// not exist or be empty. Safe while servers run.
pub fn backup(url: &DbUrl, dir: &Path) -> Result<Manifest, BackupError> {
    let source = sqlite_path(url, "backed up")?;
    if !source.is_file() {
        return Err(BackupError::Refused(format!("{}: no database there", source.display())));
    }
    let key = read_key()?.ok_or_else(|| {
        BackupError::Refused(
            "no secret key: set GATEHOUSE_SECRET_KEY or GATEHOUSE_SECRET_KEY_FILE as the server has it".into(),
        )
    })?;
    if dir.exists() && std::fs::read_dir(dir).map_err(io(dir))?.next().is_some() {
        return Err(BackupError::Refused(format!("{}: not empty; a backup goes into a new folder", dir.display())));
    }
    private_folder(dir)?;
    let created_at = app::db::now();
    let copy = dir.join(DATABASE);
    let mut live = SqliteConnection::establish(&source.display().to_string()).map_err(database_error)?;
    // A writer holding the database for a moment makes the copy wait rather than fail.
    sql_query("PRAGMA busy_timeout = 10000").execute(&mut live).map_err(database_error)?;
    sql_query(format!("VACUUM INTO '{}'", copy.display().to_string().replace('\'', "''")))
        .execute(&mut live)
        .map_err(database_error)?;
    drop(live);
    only_owner(&copy)?;
    let (migration, tables) = contents(&copy)?;
    let (database_sha256, database_bytes) = digest(&copy)?;
    write_private(&dir.join(KEY), &key).map_err(io(&dir.join(KEY)))?;
    let manifest = Manifest {
        format: FORMAT,
        gatehouse: crate::routes::health::VERSION.to_string(),
        created_at,
        database: DATABASE.into(),
        database_sha256,
        database_bytes,
        migration,
        key: KEY.into(),
        tables,
    };
    let text = serde_json::to_string_pretty(&manifest).map_err(database_error)?;
    std::fs::write(dir.join(MANIFEST), text + "\n").map_err(io(&dir.join(MANIFEST)))?;
    Ok(manifest)
}

/// Restores the backup in `dir` to where the settings put the database and the key. Checks
/// everything before it writes anything; never overwrites.
pub fn restore(url: &DbUrl, dir: &Path) -> Result<Manifest, BackupError> {
    let target = sqlite_path(url, "restored")?;
    let manifest_path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&manifest_path).map_err(io(&manifest_path))?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
        BackupError::Refused(format!("{}: not a Gatehouse backup manifest ({e})", manifest_path.display()))
    })?;
    if manifest.format != FORMAT {
        return Err(BackupError::Refused(format!("backup format {} is not one this release reads", manifest.format)));
    }
    if let Some(migration) = manifest.migration.as_deref().filter(|m| !crate::database::knows_migration(m)) {
        return Err(BackupError::Refused(format!(
            "the backup is from a later release (Gatehouse {}, migration {migration}): restore it with that release",
            manifest.gatehouse
        )));
    }
    let copy = dir.join(&manifest.database);
    let (sha256, _) = digest(&copy)?;
    if sha256 != manifest.database_sha256 {
        return Err(BackupError::Refused(format!(
            "{}: its SHA-256 is not the manifest's; the copy is damaged",
            copy.display()
        )));
    }
    let key_path = dir.join(&manifest.key);
    let key = std::fs::read_to_string(&key_path).map_err(io(&key_path))?.trim().to_string();
    if app::auth::Keys::from_hex(&key).is_none() {
        return Err(BackupError::Refused(format!("{}: not a secret key", key_path.display())));
    }
    for taken in [target.clone(), sidecar(&target, "-wal"), sidecar(&target, "-journal")] {
        if taken.exists() {
            return Err(BackupError::Refused(format!(
                "{}: already there; a restore does not overwrite",
                taken.display()
            )));
        }
    }
    let key_file = match key_location() {
        KeyLocation::Variable(given) if given.eq_ignore_ascii_case(&key) => None,
        KeyLocation::Variable(_) => {
            return Err(BackupError::Refused(
                "GATEHOUSE_SECRET_KEY is not the backup's key: unset it, or set it to the backup's secret.key".into(),
            ))
        }
        KeyLocation::File(path) if path.exists() => {
            return Err(BackupError::Refused(format!(
                "{}: already there; a restore does not overwrite",
                path.display()
            )))
        }
        KeyLocation::File(path) => Some(path),
    };
    for folder in [target.parent(), key_file.as_deref().and_then(Path::parent)].into_iter().flatten() {
        if !folder.as_os_str().is_empty() {
            std::fs::create_dir_all(folder).map_err(io(folder))?;
        }
    }
    // Copied aside and linked into place: the database appears whole or not at all, and a
    // file that appeared meanwhile is not overwritten.
    let aside = sidecar(&target, &format!(".restoring-{}", std::process::id()));
    std::fs::copy(&copy, &aside).map_err(io(&aside))?;
    only_owner(&aside)?;
    let linked = std::fs::hard_link(&aside, &target).map_err(io(&target));
    let _ = std::fs::remove_file(&aside);
    linked?;
    if let Some(path) = key_file {
        if let Err(e) = write_private(&path, &key) {
            let _ = std::fs::remove_file(&target);
            return Err(io(&path)(e));
        }
    }
    Ok(manifest)
}

/// Creates `dir` (and its parents) for the backup: only its owner may enter it, as only the
/// owner may read the database and the key it will hold.
fn private_folder(dir: &Path) -> Result<(), BackupError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io(dir))
}

/// Makes `path` readable by its owner alone: it holds every account's data.
fn only_owner(path: &Path) -> Result<(), BackupError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io(path))?;
    }
    Ok(())
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The key as the server reads it, in hex; `None` when there is none yet.
fn read_key() -> Result<Option<String>, BackupError> {
    crate::config::existing_key().map_err(|e| BackupError::Refused(e.to_string()))
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(diesel::QueryableByName)]
struct Version {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    version: Option<String>,
}

/// The copy's newest migration and each table's row count.
fn contents(copy: &Path) -> Result<(Option<String>, BTreeMap<String, i64>), BackupError> {
    let mut conn = SqliteConnection::establish(&copy.display().to_string()).map_err(database_error)?;
    let names: Vec<Name> = sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '__diesel_schema_migrations' ORDER BY name",
    )
    .load(&mut conn)
    .map_err(database_error)?;
    let mut tables = BTreeMap::new();
    for Name { name } in names {
        let quoted = name.replace('"', "\"\"");
        let counted: Count = sql_query(format!("SELECT COUNT(*) AS n FROM \"{quoted}\""))
            .get_result(&mut conn)
            .map_err(database_error)?;
        tables.insert(name, counted.n);
    }
    let newest: Version = sql_query("SELECT MAX(version) AS version FROM __diesel_schema_migrations")
        .get_result(&mut conn)
        .map_err(database_error)?;
    Ok((newest.version, tables))
}

fn digest(path: &Path) -> Result<(String, u64), BackupError> {
    let mut file = std::fs::File::open(path).map_err(io(path))?;
    let mut hasher = Sha256::new();
    let bytes = std::io::copy(&mut file, &mut hasher).map_err(io(path))?;
    Ok((app::auth::hex(&hasher.finalize()), bytes))
}
