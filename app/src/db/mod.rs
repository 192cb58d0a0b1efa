//! Server-only database access: the pool, the schema and the queries. Never in the wasm.

pub mod applications;
pub mod assets;
pub mod audit;
pub mod ceremonies;
pub mod clients;
pub mod codes;
pub mod consents;
pub mod contacts;
pub mod factors;
pub mod failures;
pub mod grant_requests;
pub mod housekeeping;
pub mod main_requests;
pub mod members;
pub mod oidc;
pub mod orgs;
pub mod outbox;
mod pool;
pub mod portal;
pub mod rate_limits;
pub mod reporting;
pub mod schema;
pub mod secrets;
pub mod sessions;
pub mod signing_keys;
pub mod terms;
pub mod users;

pub use pool::{AnyConnection, Backend, DbPool, DbUrl, PoolError};

/// Runs `$body` with `$c` bound to the concrete connection, for the few statements that
/// diesel cannot build for `MultiBackend` (multi-row inserts).
#[macro_export]
macro_rules! per_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::AnyConnection::Postgresql($c) => $body,
            $crate::db::AnyConnection::Sqlite($c) => $body,
        }
    };
}

/// Seconds since the Unix epoch, UTC. Stored as BIGINT so that both backends agree.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Escapes `%`, `_` and the escape character for a `LIKE … ESCAPE '\'` pattern.
pub fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A transaction that reads and then writes. On SQLite it starts with `BEGIN IMMEDIATE`, which
/// takes the write lock first: with a plain `BEGIN`, two such transactions can both read and
/// then fail at once with "database is locked" when each tries to write. PostgreSQL's default
/// (READ COMMITTED) is right for our conditional updates, which it re-checks under the row lock.
pub fn write_transaction<T, E>(
    conn: &mut AnyConnection,
    f: impl FnOnce(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, Connection, TransactionManager};
    type Manager = <AnyConnection as Connection>::TransactionManager;
    match conn {
        AnyConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        AnyConnection::Postgresql(_) => Manager::begin_transaction(conn)?,
    }
    match f(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(e) => {
            if let Err(rollback) = Manager::rollback_transaction(conn) {
                tracing::error!(error = %rollback, "rollback failed");
            }
            Err(e)
        }
    }
}
