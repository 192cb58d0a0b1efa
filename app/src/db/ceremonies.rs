//! A WebAuthn ceremony's state between its two requests, kept on the session that began it:
//! a new one replaces the last, and finishing takes it so that it serves once.

use diesel::prelude::*;

use super::{schema::sessions, AnyConnection};

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
