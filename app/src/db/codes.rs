//! Single-use codes and links (忘記密碼 codes, set-password links), stored as keyed hashes.

use diesel::prelude::*;

use super::{schema::one_time_codes as c, AnyConnection};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    SetPassword,
    ResetPassword,
    /// A code to the new address or number of a change of email or mobile.
    ChangeEmail,
    ChangeMobile,
    /// 重設登入綁定's emergency code, mailed when the phone with the authenticator is lost.
    ResetBinding,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SetPassword => "set_password",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
            Purpose::ChangeMobile => "change_mobile",
            Purpose::ResetBinding => "reset_binding",
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

/// Wrong tries at the account's codes of this purpose made in the last `ttl` seconds. Each
/// new code starts from its predecessor's tries, so the highest count is the total: a new
/// code sent meanwhile does not start the count again.
pub fn recent_wrong_tries(
    conn: &mut AnyConnection,
    user_id: i64,
    purpose: Purpose,
    now: i64,
    ttl: i64,
) -> QueryResult<i32> {
    let tries: Vec<i32> = c::table
        .filter(c::user_id.eq(user_id))
        .filter(c::purpose.eq(purpose.as_str()))
        .filter(c::created_at.gt(now.saturating_sub(ttl)))
        .select(c::attempts)
        .load(conn)?;
    Ok(tries.into_iter().max().unwrap_or(0))
}

/// Stores a new code and voids the account's older unused ones of the same purpose: only the
/// newest mail works. It starts with the wrong tries already made (`tries`), so that asking
/// for a new code never buys fresh guesses.
pub fn replace(
    conn: &mut AnyConnection,
    user_id: i64,
    purpose: Purpose,
    hash: &str,
    now: i64,
    ttl: i64,
) -> QueryResult<()> {
    let tries = recent_wrong_tries(conn, user_id, purpose, now, ttl)?;
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
            c::attempts.eq(tries),
            c::created_at.eq(now),
            c::expires_at.eq(now.saturating_add(ttl)),
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

/// Counts a try at the code before it is compared, as long as fewer than `max` were made:
/// parallel guesses each take one of the `max` tries, never more. False when none is left.
pub fn reserve_try(conn: &mut AnyConnection, id: i64, max: i32) -> QueryResult<bool> {
    let n = diesel::update(c::table.find(id).filter(c::attempts.lt(max)).filter(c::used_at.is_null()))
        .set(c::attempts.eq(c::attempts + 1))
        .execute(conn)?;
    Ok(n == 1)
}

/// The try was wrong: at `max` tries the code is void.
pub fn void_if_spent(conn: &mut AnyConnection, id: i64, max: i32, now: i64) -> QueryResult<()> {
    diesel::update(c::table.find(id).filter(c::attempts.ge(max))).set(c::used_at.eq(now)).execute(conn)?;
    Ok(())
}

/// The try was right: it does not count.
pub fn refund_try(conn: &mut AnyConnection, id: i64) -> QueryResult<()> {
    diesel::update(c::table.find(id).filter(c::attempts.gt(0))).set(c::attempts.eq(c::attempts - 1)).execute(conn)?;
    Ok(())
}

/// Marks the code used; false if another request used it first.
pub fn consume(conn: &mut AnyConnection, id: i64, now: i64) -> QueryResult<bool> {
    Ok(diesel::update(c::table.find(id).filter(c::used_at.is_null())).set(c::used_at.eq(now)).execute(conn)? == 1)
}
