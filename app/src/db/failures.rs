//! Consecutive failed attempts (password, code) per username key, known or not, and the lock
//! they cause.
//!
//! An attempt is counted *before* it is checked (`reserve`) and given back when it turns out
//! right (`refund`). Counting first is what makes the lock hold under a burst: the count a
//! request gets is its own, so at most `max` attempts are ever checked per lock window, and
//! every answer carries a count no other answer has.

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

/// What counting one attempt gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reserved {
    /// The count including this attempt.
    pub count: i32,
    /// The key is locked: the attempt must not be checked.
    pub locked: bool,
    /// This attempt started the lock.
    pub locked_now: bool,
}

pub fn get(conn: &mut AnyConnection, key: &str) -> QueryResult<Option<Failures>> {
    f::table.find(key).select(Failures::as_select()).first(conn).optional()
}

/// A lock that has run out, or a run of failures older than the lock period, at `now`: it
/// counts for nothing and is forgotten before the next attempt (here), or swept
/// (`housekeeping`).
pub fn forgotten(now: i64, lock_seconds: i64) -> Forgotten {
    f::locked_until.le(now).or(f::locked_until.is_null().and(f::last_failed_at.le(now.saturating_sub(lock_seconds))))
}

/// The type of `forgotten`, spelt out so the filter can be named where it is shared.
pub type Forgotten = diesel::dsl::Or<
    diesel::dsl::LtEq<f::locked_until, i64>,
    diesel::dsl::And<diesel::dsl::IsNull<f::locked_until>, diesel::dsl::LtEq<f::last_failed_at, i64>>,
>;

/// Counts one attempt for `key` before it is checked. A lock or a run of failures older than
/// the lock period is forgotten first. An attempt beyond `max` starts the lock at once (more
/// attempts arrived than may be checked); one that reaches `max` does not, since it may be
/// right: its check decides (`lock_if_reached`).
pub fn reserve(conn: &mut AnyConnection, key: &str, now: i64, max: u32, lock_seconds: i64) -> QueryResult<Reserved> {
    diesel::delete(f::table.find(key).filter(forgotten(now, lock_seconds))).execute(conn)?;
    let upsert = diesel::insert_into(f::table)
        .values((f::username_key.eq(key), f::failures.eq(1), f::last_failed_at.eq(now)))
        .on_conflict(f::username_key)
        .do_update()
        .set((f::failures.eq(f::failures + 1), f::last_failed_at.eq(now)));
    let (count, locked_until): (i32, Option<i64>) =
        crate::per_backend!(conn, c => upsert.returning((f::failures, f::locked_until)).get_result(c))?;
    let locked_now = count > max as i32 && locked_until.is_none() && start_lock(conn, key, now, lock_seconds)?;
    Ok(Reserved { count, locked: locked_now || locked_until.is_some_and(|until| until > now), locked_now })
}

/// After a wrong attempt: starts the lock if the count has reached `max`. True if this call
/// started it.
pub fn lock_if_reached(
    conn: &mut AnyConnection,
    key: &str,
    count: i32,
    now: i64,
    max: u32,
    lock_seconds: i64,
) -> QueryResult<bool> {
    if count < max as i32 {
        return Ok(false);
    }
    start_lock(conn, key, now, lock_seconds)
}

fn start_lock(conn: &mut AnyConnection, key: &str, now: i64, lock_seconds: i64) -> QueryResult<bool> {
    let n = diesel::update(f::table.find(key).filter(f::locked_until.is_null()))
        .set(f::locked_until.eq(now.saturating_add(lock_seconds)))
        .execute(conn)?;
    Ok(n == 1)
}

/// `Some(count)` while `key` is locked.
pub fn locked(conn: &mut AnyConnection, key: &str, now: i64) -> QueryResult<Option<i32>> {
    Ok(get(conn, key)?.filter(|row| row.locked_until.is_some_and(|until| until > now)).map(|row| row.failures))
}

/// Gives back the count of an attempt that turned out right (a right password is not a
/// failure, but it does not wipe out the failures before it either), unless the account is
/// locked at `now`: then nothing changes and the answer is false. One statement decides both,
/// so a lock committed by a rival attempt while this one waited for the row is seen (on
/// PostgreSQL the update re-reads the row it waited for); a check before the refund was not
/// enough.
pub fn refund_unless_locked(conn: &mut AnyConnection, key: &str, now: i64) -> QueryResult<bool> {
    let unlocked = f::locked_until.is_null().or(f::locked_until.le(now));
    let n = diesel::update(f::table.find(key).filter(f::failures.gt(0)).filter(unlocked))
        .set(f::failures.eq(f::failures - 1))
        .execute(conn)?;
    if n == 0 && locked(conn, key, now)?.is_some() {
        return Ok(false);
    }
    diesel::delete(f::table.find(key).filter(f::failures.le(0)).filter(f::locked_until.is_null())).execute(conn)?;
    Ok(true)
}

/// A complete sign-in, an admin's unlock or a password reset by mail: the run is over.
pub fn clear(conn: &mut AnyConnection, key: &str) -> QueryResult<usize> {
    diesel::delete(f::table.find(key)).execute(conn)
}
