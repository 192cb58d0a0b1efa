//! Fixed-window counters by key (an account's mail, a client address's mail), shared by every
//! server process through the database.

use diesel::prelude::*;

use super::{schema::rate_limits as r, AnyConnection};

/// Counters whose window of `window` seconds has run out at `now`: they count for nothing and
/// start again (here), or are swept (`housekeeping`).
pub fn run_out(now: i64, window: i64) -> diesel::dsl::LtEq<r::window_started_at, i64> {
    r::window_started_at.le(now.saturating_sub(window))
}

/// Counts one use of `key` in the current window of `window` seconds; true while the count
/// stays within `max`. A window that has run out starts again.
pub fn hit(conn: &mut AnyConnection, key: &str, now: i64, window: i64, max: i32) -> QueryResult<bool> {
    diesel::delete(r::table.find(key).filter(run_out(now, window))).execute(conn)?;
    let upsert = diesel::insert_into(r::table)
        .values((r::key.eq(key), r::window_started_at.eq(now), r::count.eq(1)))
        .on_conflict(r::key)
        .do_update()
        .set(r::count.eq(r::count + 1));
    let count: i32 = crate::per_backend!(conn, c => upsert.returning(r::count).get_result(c))?;
    Ok(count <= max)
}

/// The count of `key` in its current window, without counting a use (0 once the window has
/// run out).
pub fn count(conn: &mut AnyConnection, key: &str, now: i64, window: i64) -> QueryResult<i32> {
    let found: Option<(i64, i32)> =
        r::table.find(key).select((r::window_started_at, r::count)).first(conn).optional()?;
    Ok(found.filter(|(started, _)| *started > now.saturating_sub(window)).map_or(0, |(_, count)| count))
}
