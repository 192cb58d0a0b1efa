//! Secrets generated once per installation and shared by its server processes.

use diesel::prelude::*;

use super::{schema::server_secrets as s, AnyConnection};

/// The secret called `name`, created from `fresh` on first use. Two processes starting at
/// once both insert-or-ignore and then read the same winner.
pub fn get_or_create(conn: &mut AnyConnection, name: &str, fresh: &str, now: i64) -> QueryResult<String> {
    let insert = diesel::insert_into(s::table)
        .values((s::name.eq(name), s::value.eq(fresh), s::created_at.eq(now)))
        .on_conflict_do_nothing();
    crate::per_backend!(conn, c => insert.execute(c))?;
    s::table.find(name).select(s::value).first(conn)
}

/// Records a CAPTCHA challenge as answered; false if it already was.
pub fn use_captcha(conn: &mut AnyConnection, challenge: &str, expires_at: i64, now: i64) -> QueryResult<bool> {
    use super::schema::captcha_used as u;
    diesel::delete(u::table.filter(u::expires_at.lt(now))).execute(conn)?;
    let insert = diesel::insert_into(u::table)
        .values((u::challenge.eq(challenge), u::expires_at.eq(expires_at)))
        .on_conflict_do_nothing();
    Ok(crate::per_backend!(conn, c => insert.execute(c))? == 1)
}
