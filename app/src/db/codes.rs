//! Single-use codes and links (忘記密碼 codes, set-password links), stored as keyed hashes.

use diesel::prelude::*;

use super::{schema::one_time_codes as c, AnyConnection};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    SetPassword,
    ResetPassword,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SetPassword => "set_password",
            Purpose::ResetPassword => "reset_password",
        }
    }
}

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = c)]
pub struct Code {
    pub id: i64,
    pub user_id: i64,
    pub purpose: String,
    pub code_hash: String,
    pub attempts: i32,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// Stores a new code and voids the account's older unused ones of the same purpose: only the
/// newest mail works.
pub fn replace(
    conn: &mut AnyConnection,
    user_id: i64,
    purpose: Purpose,
    hash: &str,
    now: i64,
    ttl: i64,
) -> QueryResult<()> {
    diesel::update(
        c::table.filter(c::user_id.eq(user_id)).filter(c::purpose.eq(purpose.as_str())).filter(c::used_at.is_null()),
    )
    .set(c::used_at.eq(now))
    .execute(conn)?;
    diesel::insert_into(c::table)
        .values((
            c::user_id.eq(user_id),
            c::purpose.eq(purpose.as_str()),
            c::code_hash.eq(hash),
            c::created_at.eq(now),
            c::expires_at.eq(now + ttl),
        ))
        .execute(conn)?;
    Ok(())
}

/// The account's live code of this purpose, if any.
pub fn live(conn: &mut AnyConnection, user_id: i64, purpose: Purpose, now: i64) -> QueryResult<Option<Code>> {
    c::table
        .filter(c::user_id.eq(user_id))
        .filter(c::purpose.eq(purpose.as_str()))
        .filter(c::used_at.is_null())
        .filter(c::expires_at.gt(now))
        .order(c::id.desc())
        .select(Code::as_select())
        .first(conn)
        .optional()
}

/// The live code with this hash (set-password links carry the whole token).
pub fn live_by_hash(conn: &mut AnyConnection, hash: &str, purpose: Purpose, now: i64) -> QueryResult<Option<Code>> {
    c::table
        .filter(c::code_hash.eq(hash))
        .filter(c::purpose.eq(purpose.as_str()))
        .filter(c::used_at.is_null())
        .filter(c::expires_at.gt(now))
        .select(Code::as_select())
        .first(conn)
        .optional()
}

/// Counts a wrong try; at `max` the code is void.
pub fn wrong_try(conn: &mut AnyConnection, id: i64, max: i32, now: i64) -> QueryResult<()> {
    diesel::update(c::table.find(id)).set(c::attempts.eq(c::attempts + 1)).execute(conn)?;
    diesel::update(c::table.find(id).filter(c::attempts.ge(max))).set(c::used_at.eq(now)).execute(conn)?;
    Ok(())
}

/// Marks the code used; false if another request used it first.
pub fn consume(conn: &mut AnyConnection, id: i64, now: i64) -> QueryResult<bool> {
    Ok(diesel::update(c::table.find(id).filter(c::used_at.is_null())).set(c::used_at.eq(now)).execute(conn)? == 1)
}
