//! Consecutive failed sign-ins per username key, known or not.

use diesel::prelude::*;

use super::{schema::sign_in_failures as f, AnyConnection};

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = f)]
pub struct Failures {
    pub username_key: String,
    pub failures: i32,
    pub last_failed_at: i64,
    pub locked_until: Option<i64>,
}

pub fn get(conn: &mut AnyConnection, key: &str) -> QueryResult<Option<Failures>> {
    f::table.find(key).select(Failures::as_select()).first(conn).optional()
}

/// Counts one more failure and returns the new count. One upsert, so parallel failures each
/// count; the failure that reaches `max` starts the lock.
pub fn record(conn: &mut AnyConnection, key: &str, now: i64, max: u32, lock_seconds: i64) -> QueryResult<i32> {
    let upsert = diesel::insert_into(f::table)
        .values((f::username_key.eq(key), f::failures.eq(1), f::last_failed_at.eq(now)))
        .on_conflict(f::username_key)
        .do_update()
        .set((f::failures.eq(f::failures + 1), f::last_failed_at.eq(now)));
    let count: i32 = crate::per_backend!(conn, c => upsert.returning(f::failures).get_result(c))?;
    if count >= max as i32 {
        diesel::update(f::table.find(key).filter(f::locked_until.is_null()))
            .set(f::locked_until.eq(now + lock_seconds))
            .execute(conn)?;
    }
    Ok(count)
}

pub fn clear(conn: &mut AnyConnection, key: &str) -> QueryResult<usize> {
    diesel::delete(f::table.find(key)).execute(conn)
}
