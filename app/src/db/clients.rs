//! Subsystems as OpenID Connect clients: their registration and their secrets.

use diesel::prelude::*;

use super::{
    schema::{client_secrets as cs, subsystems as s},
    AnyConnection,
};
use crate::provider::Registration;

/// A subsystem as registered.
#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = s)]
pub struct ClientRow {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub description_zh: String,
    pub description_en: String,
    /// The home or sign-in start address (the portal's tile); a path for a built-in one.
    pub path: String,
    pub active: bool,
    pub client_kind: String,
    pub redirect_uris: String,
    pub post_logout_redirect_uris: String,
    pub backchannel_logout_uri: String,
    pub privacy_url: String,
    pub terms_url: String,
    pub fields: String,
    pub updated_at: i64,
    /// Its catalogue of functions, one `code | 中文 | English` per line.
    pub functions: String,
    /// `RS256` or `ES256`: how its ID tokens are signed.
    pub id_token_alg: String,
}

pub fn find(conn: &mut AnyConnection, code: &str) -> QueryResult<Option<ClientRow>> {
    s::table.filter(s::code.eq(code)).select(ClientRow::as_select()).first(conn).optional()
}

pub fn find_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<ClientRow>> {
    s::table.find(id).select(ClientRow::as_select()).first(conn).optional()
}

/// Every subsystem, in the portal's order.
pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<ClientRow>> {
    s::table.order((s::sort_order, s::id)).select(ClientRow::as_select()).load(conn)
}

/// Registers a subsystem (the caller checked `r`); its id. It goes after the others.
pub fn insert(conn: &mut AnyConnection, r: &Registration, now: i64) -> QueryResult<i64> {
    let last: Option<i32> = s::table.select(diesel::dsl::max(s::sort_order)).first(conn)?;
    let insert = diesel::insert_into(s::table).values((
        s::code.eq(&r.code),
        s::sort_order.eq(last.unwrap_or(0) + 1),
        s::created_at.eq(now),
        s::active.eq(true),
        columns(r, now),
    ));
    crate::per_backend!(conn, c => insert.returning(s::id).get_result(c))
}

/// Changes a subsystem's registration (its code stays); false when there is none.
pub fn update(conn: &mut AnyConnection, r: &Registration, now: i64) -> QueryResult<bool> {
    let n = diesel::update(s::table.filter(s::code.eq(&r.code)).filter(s::client_kind.ne("builtin")))
        .set(columns(r, now))
        .execute(conn)?;
    Ok(n == 1)
}

type Columns<'a> = (
    diesel::dsl::Eq<s::name_zh, &'a str>,
    diesel::dsl::Eq<s::name_en, &'a str>,
    diesel::dsl::Eq<s::description_zh, &'a str>,
    diesel::dsl::Eq<s::description_en, &'a str>,
    diesel::dsl::Eq<s::path, &'a str>,
    diesel::dsl::Eq<s::client_kind, &'static str>,
    (
        diesel::dsl::Eq<s::redirect_uris, &'a str>,
        diesel::dsl::Eq<s::post_logout_redirect_uris, &'a str>,
        diesel::dsl::Eq<s::backchannel_logout_uri, &'a str>,
        diesel::dsl::Eq<s::privacy_url, &'a str>,
        diesel::dsl::Eq<s::terms_url, &'a str>,
        diesel::dsl::Eq<s::fields, &'a str>,
        diesel::dsl::Eq<s::functions, &'a str>,
        diesel::dsl::Eq<s::id_token_alg, &'static str>,
        diesel::dsl::Eq<s::updated_at, i64>,
    ),
);

fn columns(r: &Registration, now: i64) -> Columns<'_> {
    (
        s::name_zh.eq(r.name_zh.as_str()),
        s::name_en.eq(r.name_en.as_str()),
        s::description_zh.eq(r.description_zh.as_str()),
        s::description_en.eq(r.description_en.as_str()),
        s::path.eq(r.home_url.as_str()),
        s::client_kind.eq(r.kind.as_str()),
        (
            s::redirect_uris.eq(r.redirect_uris.as_str()),
            s::post_logout_redirect_uris.eq(r.post_logout_redirect_uris.as_str()),
            s::backchannel_logout_uri.eq(r.backchannel_logout_uri.as_str()),
            s::privacy_url.eq(r.privacy_url.as_str()),
            s::terms_url.eq(r.terms_url.as_str()),
            s::fields.eq(r.fields.as_str()),
            s::functions.eq(r.functions.as_str()),
            s::id_token_alg.eq(r.id_token_alg.as_str()),
            s::updated_at.eq(now),
        ),
    )
}

/// Turns a registered subsystem on or off; false when there is none (or it is built in).
pub fn set_active(conn: &mut AnyConnection, code: &str, active: bool, now: i64) -> QueryResult<bool> {
    let n = diesel::update(s::table.filter(s::code.eq(code)).filter(s::client_kind.ne("builtin")))
        .set((s::active.eq(active), s::updated_at.eq(now)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Adds a secret; every other secret of the subsystem that has no end yet ends at
/// `others_end` (the overlap in which both work).
pub fn add_secret(
    conn: &mut AnyConnection,
    subsystem_id: i64,
    secret_hash: &str,
    others_end: i64,
    now: i64,
) -> QueryResult<()> {
    let later = cs::expires_at.is_null().or(cs::expires_at.gt(others_end));
    diesel::update(cs::table.filter(cs::subsystem_id.eq(subsystem_id)).filter(later))
        .set(cs::expires_at.eq(Some(others_end)))
        .execute(conn)?;
    diesel::insert_into(cs::table)
        .values((cs::subsystem_id.eq(subsystem_id), cs::secret_hash.eq(secret_hash), cs::created_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// The hashes of the subsystem's secrets that still work at `now`.
pub fn live_secrets(conn: &mut AnyConnection, subsystem_id: i64, now: i64) -> QueryResult<Vec<String>> {
    cs::table
        .filter(cs::subsystem_id.eq(subsystem_id))
        .filter(cs::expires_at.is_null().or(cs::expires_at.gt(now)))
        .select(cs::secret_hash)
        .load(conn)
}

/// When the subsystem's newest secret was made, and when the one before it stops working.
pub fn secret_dates(conn: &mut AnyConnection, subsystem_id: i64, now: i64) -> QueryResult<(Option<i64>, Option<i64>)> {
    let newest: Option<i64> = cs::table
        .filter(cs::subsystem_id.eq(subsystem_id))
        .filter(cs::expires_at.is_null())
        .select(diesel::dsl::max(cs::created_at))
        .first(conn)?;
    let overlap_end: Option<i64> = cs::table
        .filter(cs::subsystem_id.eq(subsystem_id))
        .filter(cs::expires_at.gt(now))
        .select(diesel::dsl::max(cs::expires_at))
        .first(conn)?;
    Ok((newest, overlap_end))
}
