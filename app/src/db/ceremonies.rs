//! A WebAuthn ceremony's state between its two requests, kept on the session that began it (or,
//! before there is a session, under a token of its own): a new one replaces the last, and
//! finishing takes it so that it serves once.

use diesel::prelude::*;

use super::{
    schema::{open_ceremonies, sessions},
    AnyConnection,
};

pub fn put(conn: &mut AnyConnection, id_hash: &str, ceremony: &str) -> QueryResult<()> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::ceremony.eq(ceremony)).execute(conn)?;
    Ok(())
}

/// The session's ceremony, removed. Of two requests taking the same one, one gets it: the
/// removal is conditional on the very text read.
pub fn take(conn: &mut AnyConnection, id_hash: &str) -> QueryResult<Option<String>> {
    let held: Option<Option<String>> =
        sessions::table.find(id_hash).select(sessions::ceremony).first(conn).optional()?;
    let Some(Some(ceremony)) = held else {
        return Ok(None);
    };
    let taken = diesel::update(sessions::table.find(id_hash).filter(sessions::ceremony.eq(&ceremony)))
        .set(sessions::ceremony.eq(None::<String>))
        .execute(conn)?;
    Ok((taken == 1).then_some(ceremony))
}

/// A ceremony begun before there is a session (a password-free sign-in), kept under the hash
/// of the token the browser hands back.
pub fn put_open(conn: &mut AnyConnection, token_hash: &str, ceremony: &str, expires_at: i64) -> QueryResult<()> {
    diesel::insert_into(open_ceremonies::table)
        .values((
            open_ceremonies::token_hash.eq(token_hash),
            open_ceremonies::ceremony.eq(ceremony),
            open_ceremonies::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The open ceremony under `token_hash`, removed so that it serves once, if it has not expired
/// at `now` (an expired one is removed all the same). Of two requests taking the same one, one
/// gets it: only the request whose delete removed the row reads it as its own.
pub fn take_open(conn: &mut AnyConnection, token_hash: &str, now: i64) -> QueryResult<Option<String>> {
    let held: Option<(String, i64)> = open_ceremonies::table
        .find(token_hash)
        .select((open_ceremonies::ceremony, open_ceremonies::expires_at))
        .first(conn)
        .optional()?;
    let Some((ceremony, expires_at)) = held else {
        return Ok(None);
    };
    let taken = diesel::delete(open_ceremonies::table.find(token_hash)).execute(conn)?;
    Ok((taken == 1 && now < expires_at).then_some(ceremony))
}
