//! One pool over either SQLite or PostgreSQL, chosen at run time from the URL.
//!
//! Our own deadpool manager rather than deadpool-diesel's: the derived `MultiConnection`
//! establishes by trying each backend in turn, which would hand a PostgreSQL URL to SQLite
//! when PostgreSQL is down (and hide the real error), and SQLite needs per-connection
//! pragmas that deadpool-diesel has no hook for.

use deadpool::managed::{self, Metrics, Pool, RecycleError, RecycleResult};
use deadpool_sync::SyncWrapper;
use diesel::{connection::SimpleConnection, Connection, PgConnection, SqliteConnection};

use crate::error::AppError;

#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// A database URL that says which backend it is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DbUrl {
    Postgres(String),
    /// A file path (or `:memory:`).
    Sqlite(String),
}

impl DbUrl {
    /// `postgres://…` or `postgresql://…` for PostgreSQL; `sqlite://path`, `sqlite:path` or a
    /// bare path for SQLite.
    pub fn parse(url: &str) -> Result<DbUrl, String> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DbUrl::Postgres(url.to_string()));
        }
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        if path.is_empty() {
            return Err("DATABASE_URL is empty".into());
        }
        if path.contains("://") {
            return Err(format!("DATABASE_URL has an unknown scheme: {url}"));
        }
        Ok(DbUrl::Sqlite(path.to_string()))
    }

    pub fn backend(&self) -> Backend {
        match self {
            DbUrl::Postgres(_) => Backend::Postgres,
            DbUrl::Sqlite(_) => Backend::Sqlite,
        }
    }

    /// Opens one connection, set up for our use.
    pub fn establish(&self) -> Result<AnyConnection, diesel::ConnectionError> {
        match self {
            DbUrl::Postgres(url) => PgConnection::establish(url).map(AnyConnection::Postgresql),
            DbUrl::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)?;
                // WAL lets readers run beside the one writer; busy_timeout makes a writer wait
                // for the lock instead of failing at once; foreign keys are off by default.
                conn.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;",
                )
                .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))?;
                Ok(AnyConnection::Sqlite(conn))
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("database connection check failed: {0}")]
    Ping(#[from] diesel::result::Error),
}

/// How recently a connection must have been handed out to be handed out again unchecked.
const RECENTLY_USED: std::time::Duration = std::time::Duration::from_millis(500);

pub struct Manager {
    url: DbUrl,
}

impl managed::Manager for Manager {
    type Type = SyncWrapper<AnyConnection>;
    type Error = PoolError;

    async fn create(&self) -> Result<Self::Type, PoolError> {
        let url = self.url.clone();
        SyncWrapper::new(deadpool::Runtime::Tokio1, move || url.establish().map_err(PoolError::from)).await
    }

    async fn recycle(&self, obj: &mut Self::Type, metrics: &Metrics) -> RecycleResult<PoolError> {
        if obj.is_mutex_poisoned() {
            return Err(RecycleError::message("connection mutex poisoned"));
        }
        // A connection handed out a moment ago is not checked again: the check is a round trip
        // to a blocking thread and a statement, as much as a short query, on every checkout
        // (HikariCP skips it within 500 ms the same way). A connection idle longer is pinged.
        if metrics.last_used() < RECENTLY_USED {
            return Ok(());
        }
        obj.interact(|conn| conn.batch_execute("SELECT 1"))
            .await
            .map_err(|e| RecycleError::message(format!("{e:?}")))?
            .map_err(|e| RecycleError::Backend(PoolError::Ping(e)))
    }
}

/// The application's pool. Cloning is cheap and shares the pool.
#[derive(Clone)]
pub struct DbPool {
    pool: Pool<Manager>,
    backend: Backend,
    /// SQLite's one writer, taken in turn in this process: without it a writer that finds the
    /// database locked sleeps in SQLite's busy handler (1, 2, 5 … 100 ms a try) and whoever
    /// tries when the lock is free wins, so under load some writes waited a second while the
    /// writer before them took a millisecond (`make bench`, provider part). PostgreSQL locks
    /// rows, not the database: its writers are not queued.
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// Connections: at most `max`, `open` now, of which `idle`; `waiting` tasks want one.
#[derive(Clone, Copy, Debug)]
pub struct PoolStatus {
    pub max: usize,
    pub open: usize,
    pub idle: usize,
    pub waiting: usize,
}

impl DbPool {
    pub fn new(url: &DbUrl, max_size: usize) -> DbPool {
        let pool = Pool::builder(Manager { url: url.clone() })
            .max_size(max_size)
            .wait_timeout(Some(std::time::Duration::from_secs(5)))
            .create_timeout(Some(std::time::Duration::from_secs(5)))
            .runtime(deadpool::Runtime::Tokio1)
            .build()
            .expect("a pool with a runtime and timeouts always builds");
        DbPool { pool, backend: url.backend(), writer: Default::default() }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// How the pool is used now, for the metrics.
    pub fn status(&self) -> PoolStatus {
        let s = self.pool.status();
        PoolStatus { max: s.max_size, open: s.size, idle: s.available, waiting: s.waiting }
    }

    /// Runs `f` with a connection on a blocking thread. Pool exhaustion and connection
    /// failures become `Unavailable`; query errors are logged and become `Internal`, except
    /// `NotFound`, which keeps its meaning.
    pub async fn run<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let conn = self.pool.get().await.map_err(|e| {
            tracing::warn!(error = %e, "database unavailable");
            AppError::Unavailable
        })?;
        let (done, broken) = conn
            .interact(move |c| {
                let done = f(c);
                // A database error may be the connection itself (the server restarted, the
                // connection was ended): such a connection goes on failing every query, and
                // the checkout's check skips one used within RECENTLY_USED, which under load
                // is every one. Asked once after such an error, a dead one is left out.
                let broken = matches!(done, Err(AppError::Internal | AppError::Unavailable))
                    && c.batch_execute("SELECT 1").is_err();
                (done, broken)
            })
            .await
            .map_err(|e| {
                tracing::error!(error = ?e, "database task failed");
                AppError::Internal
            })?;
        if broken {
            tracing::warn!("a database connection no longer answers: closing it");
            drop(deadpool::managed::Object::take(conn));
        }
        done
    }
}

impl DbPool {
    /// `run` in a write transaction (`super::write_transaction`), in turn with this process's
    /// other writers on SQLite.
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let _turn = match self.backend {
            Backend::Sqlite => Some(self.writer.lock().await),
            Backend::Postgres => None,
        };
        self.run(move |conn| super::write_transaction(conn, f)).await
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend() {
        assert_eq!(DbUrl::parse("sqlite://data/g.db"), Ok(DbUrl::Sqlite("data/g.db".into())));
        assert_eq!(DbUrl::parse("sqlite:data/g.db"), Ok(DbUrl::Sqlite("data/g.db".into())));
        assert_eq!(DbUrl::parse("data/g.db"), Ok(DbUrl::Sqlite("data/g.db".into())));
        assert_eq!(DbUrl::parse("postgres://u@h/db").map(|u| u.backend()), Ok(Backend::Postgres));
        assert!(DbUrl::parse("mysql://x").is_err());
        assert!(DbUrl::parse("  ").is_err());
    }
}
