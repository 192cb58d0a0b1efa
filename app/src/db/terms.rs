//! 用戶約定條款 and who agreed to which version when.

use diesel::prelude::*;

use super::{
    schema::{organizations as o, terms as t, terms_agreements as a, users as u},
    AnyConnection,
};

/// One published version, both languages.
#[derive(Queryable, Clone, Debug, PartialEq, Eq)]
pub struct TermsRow {
    pub version: i64,
    pub body_zh: String,
    pub body_en: String,
    pub published_at: i64,
}

/// Publishes a new version after the newest; returns its number.
pub fn publish(conn: &mut AnyConnection, body_zh: &str, body_en: &str, by: i64, now: i64) -> QueryResult<i64> {
    let version = newest_version(conn)?.unwrap_or(0) + 1;
    diesel::insert_into(t::table)
        .values((
            t::version.eq(version),
            t::body_zh.eq(body_zh),
            t::body_en.eq(body_en),
            t::published_at.eq(now),
            t::published_by.eq(by),
        ))
        .execute(conn)?;
    Ok(version)
}

fn newest_version(conn: &mut AnyConnection) -> QueryResult<Option<i64>> {
    t::table.select(diesel::dsl::max(t::version)).first(conn)
}

/// The version in force: the newest published.
pub fn in_force(conn: &mut AnyConnection) -> QueryResult<Option<TermsRow>> {
    t::table
        .order(t::version.desc())
        .select((t::version, t::body_zh, t::body_en, t::published_at))
        .first(conn)
        .optional()
}

/// The version in force that `user_id` has not agreed to, if any: one statement (the newest
/// version with this account's agreement beside it), asked on every request of a signed-in
/// session.
pub fn pending_for(conn: &mut AnyConnection, user_id: i64) -> QueryResult<Option<i64>> {
    let newest: Option<(i64, Option<i64>)> = t::table
        .left_join(a::table.on(a::version.eq(t::version).and(a::user_id.eq(user_id))))
        .order(t::version.desc())
        .select((t::version, a::agreed_at.nullable()))
        .first(conn)
        .optional()?;
    Ok(newest.and_then(|(version, agreed)| agreed.is_none().then_some(version)))
}

/// When `user_id` agreed to `version`.
pub fn agreed_at(conn: &mut AnyConnection, user_id: i64, version: i64) -> QueryResult<Option<i64>> {
    a::table.find((user_id, version)).select(a::agreed_at).first(conn).optional()
}

/// Records the agreement; `false` when it was recorded before (a second tap, or two at once,
/// changes nothing: the first time stays).
pub fn agree(conn: &mut AnyConnection, user_id: i64, version: i64, ip: &str, now: i64) -> QueryResult<bool> {
    let insert = diesel::insert_into(a::table)
        .values((a::user_id.eq(user_id), a::version.eq(version), a::agreed_at.eq(now), a::ip.eq(ip)))
        .on_conflict_do_nothing();
    Ok(crate::per_backend!(conn, conn => insert.execute(conn))? == 1)
}

/// How many active accounts agreed to `version`, of how many active accounts.
pub fn agreed_count(conn: &mut AnyConnection, version: i64) -> QueryResult<(i64, i64)> {
    let active = || u::table.filter(u::status.eq(crate::accounts::AccountStatus::Active.as_str()));
    let agreed = active()
        .inner_join(a::table.on(a::user_id.eq(u::id)))
        .filter(a::version.eq(version))
        .count()
        .get_result(conn)?;
    Ok((agreed, active().count().get_result(conn)?))
}

/// One agreement as the auditors' export lists it.
pub type AgreementRow = (String, String, String, Option<String>, i64, i64, String);

/// Every agreement, oldest first: username, name, organization (name, OID), version, when, from
/// which address.
pub fn all_agreements(conn: &mut AnyConnection) -> QueryResult<Vec<AgreementRow>> {
    a::table
        .inner_join(u::table.on(u::id.eq(a::user_id)))
        .inner_join(o::table.on(o::id.eq(u::org_id)))
        .order((a::agreed_at, a::user_id, a::version))
        .select((u::username, u::display_name, o::name, o::oid, a::version, a::agreed_at, a::ip))
        .load(conn)
}
