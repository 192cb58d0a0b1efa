//! The provider's signing keys. The private half is stored sealed; this layer does not open it.

use diesel::prelude::*;

use super::{schema::signing_keys as k, AnyConnection};

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = k)]
pub struct SigningKeyRow {
    pub id: i64,
    pub kid: String,
    pub alg: String,
    pub private_key: String,
    pub public_jwk: String,
    pub created_at: i64,
    pub active_from: i64,
    pub retired_at: Option<i64>,
    pub published_until: Option<i64>,
}

pub struct NewKey<'a> {
    pub kid: &'a str,
    pub alg: &'a str,
    pub private_key: &'a str,
    pub public_jwk: &'a str,
    pub active_from: i64,
}

pub fn insert(conn: &mut AnyConnection, key: &NewKey, now: i64) -> QueryResult<()> {
    diesel::insert_into(k::table)
        .values((
            k::kid.eq(key.kid),
            k::alg.eq(key.alg),
            k::private_key.eq(key.private_key),
            k::public_jwk.eq(key.public_jwk),
            k::created_at.eq(now),
            k::active_from.eq(key.active_from),
        ))
        .execute(conn)?;
    Ok(())
}

/// The keys of `alg` not retired: the current one (the newest active) and the next.
pub fn unretired(conn: &mut AnyConnection, alg: &str) -> QueryResult<Vec<SigningKeyRow>> {
    k::table
        .filter(k::alg.eq(alg))
        .filter(k::retired_at.is_null())
        .order(k::active_from.desc())
        .select(SigningKeyRow::as_select())
        .load(conn)
}

/// The id of the key of `alg` that signs at `now`: the newest whose time has come, not
/// retired. All a signer asks when it has opened that key before.
pub fn current_kid(conn: &mut AnyConnection, alg: &str, now: i64) -> QueryResult<Option<String>> {
    k::table
        .filter(k::alg.eq(alg))
        .filter(k::retired_at.is_null())
        .filter(k::active_from.le(now))
        .order((k::active_from.desc(), k::id.desc()))
        .select(k::kid)
        .first(conn)
        .optional()
}

/// The key of `alg` that signs at `now` (`current_kid`), whole.
pub fn current(conn: &mut AnyConnection, alg: &str, now: i64) -> QueryResult<Option<SigningKeyRow>> {
    match current_kid(conn, alg, now)? {
        Some(kid) => by_kid(conn, &kid),
        None => Ok(None),
    }
}

pub fn by_kid(conn: &mut AnyConnection, kid: &str) -> QueryResult<Option<SigningKeyRow>> {
    k::table.filter(k::kid.eq(kid)).select(SigningKeyRow::as_select()).first(conn).optional()
}

/// Every key a verifier may meet: the next, the current, and the retired still published.
pub fn published(conn: &mut AnyConnection, now: i64) -> QueryResult<Vec<SigningKeyRow>> {
    k::table
        .filter(k::published_until.is_null().or(k::published_until.gt(now)))
        .order((k::alg, k::active_from.desc()))
        .select(SigningKeyRow::as_select())
        .load(conn)
}

/// Stops key `id` signing at `now`; it stays published until `until`. False when it already
/// was retired (another server rotated first).
pub fn retire(conn: &mut AnyConnection, id: i64, now: i64, until: i64) -> QueryResult<bool> {
    let n = diesel::update(k::table.find(id).filter(k::retired_at.is_null()))
        .set((k::retired_at.eq(Some(now)), k::published_until.eq(Some(until))))
        .execute(conn)?;
    Ok(n == 1)
}

/// Brings key `id` (a next one) into use at `now`.
pub fn activate(conn: &mut AnyConnection, id: i64, now: i64) -> QueryResult<()> {
    diesel::update(k::table.find(id)).set(k::active_from.eq(now)).execute(conn)?;
    Ok(())
}

/// Forgets the retired keys no longer published.
pub fn delete_expired(conn: &mut AnyConnection, now: i64) -> QueryResult<usize> {
    diesel::delete(k::table.filter(k::published_until.le(now))).execute(conn)
}
