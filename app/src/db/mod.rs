//! Server-only database access: the pool, the schema and the queries. Never in the wasm.

pub mod orgs;
mod pool;
pub mod schema;

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
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
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
