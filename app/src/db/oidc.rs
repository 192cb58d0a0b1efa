//! What the provider issued: grants (one sign-in to a subsystem, the family of everything that
//! came of it), authorization codes and tokens, each stored as its SHA-256.

use diesel::prelude::*;

use super::{
    schema::{oidc_codes as c, oidc_grants as g, oidc_tokens as t},
    AnyConnection,
};

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = g)]
pub struct GrantRow {
    pub id: i64,
    pub subsystem_id: i64,
    pub user_id: i64,
    pub sid: String,
    pub fields: String,
    pub nonce: Option<String>,
    pub amr: String,
    pub auth_time: i64,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

pub struct NewGrant<'a> {
    pub subsystem_id: i64,
    pub user_id: i64,
    pub sid: &'a str,
    pub fields: &'a str,
    pub nonce: Option<&'a str>,
    pub amr: &'a str,
    pub auth_time: i64,
}

pub fn insert_grant(conn: &mut AnyConnection, grant: &NewGrant, now: i64) -> QueryResult<i64> {
    let insert = diesel::insert_into(g::table).values((
        g::subsystem_id.eq(grant.subsystem_id),
        g::user_id.eq(grant.user_id),
        g::sid.eq(grant.sid),
        g::fields.eq(grant.fields),
        g::nonce.eq(grant.nonce),
        g::amr.eq(grant.amr),
        g::auth_time.eq(grant.auth_time),
        g::created_at.eq(now),
    ));
    crate::per_backend!(conn, c => insert.returning(g::id).get_result(c))
}

pub fn grant(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<GrantRow>> {
    g::table.find(id).select(GrantRow::as_select()).first(conn).optional()
}

/// Revokes grant `id` and with it every code and token that came of it; false when it
/// already was.
pub fn revoke_grant(conn: &mut AnyConnection, id: i64, now: i64) -> QueryResult<bool> {
    let n = diesel::update(g::table.find(id).filter(g::revoked_at.is_null()))
        .set(g::revoked_at.eq(Some(now)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Revokes every live grant of `user_id` to the subsystem `subsystem_id`; how many.
pub fn revoke_user_subsystem(
    conn: &mut AnyConnection,
    user_id: i64,
    subsystem_id: i64,
    now: i64,
) -> QueryResult<usize> {
    diesel::update(
        g::table
            .filter(g::user_id.eq(user_id))
            .filter(g::subsystem_id.eq(subsystem_id))
            .filter(g::revoked_at.is_null()),
    )
    .set(g::revoked_at.eq(Some(now)))
    .execute(conn)
}

/// The subsystems `user_id` signed in to, each with its latest sign-in.
pub fn signed_in_to(conn: &mut AnyConnection, user_id: i64) -> QueryResult<Vec<(i64, i64)>> {
    let rows: Vec<(i64, Option<i64>)> = g::table
        .filter(g::user_id.eq(user_id))
        .group_by(g::subsystem_id)
        .select((g::subsystem_id, diesel::dsl::max(g::created_at)))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(subsystem, at)| at.map(|at| (subsystem, at))).collect())
}

pub fn insert_code(
    conn: &mut AnyConnection,
    (code_hash, grant_id): (&str, i64),
    redirect_uri: &str,
    code_challenge: &str,
    expires_at: i64,
) -> QueryResult<()> {
    diesel::insert_into(c::table)
        .values((
            c::code_hash.eq(code_hash),
            c::grant_id.eq(grant_id),
            c::redirect_uri.eq(redirect_uri),
            c::code_challenge.eq(code_challenge),
            c::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = c)]
pub struct CodeRow {
    pub grant_id: i64,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// A code presented at the token endpoint.
pub enum Taken {
    /// Never issued (or long gone).
    Unknown,
    /// Used before: its grant must be revoked.
    Reused(CodeRow),
    /// Now used, by this request alone.
    Fresh(CodeRow),
}

/// Marks the code used. Two requests racing with one code: the conditional update lets one
/// through, and the other finds it used.
pub fn take_code(conn: &mut AnyConnection, code_hash: &str, now: i64) -> QueryResult<Taken> {
    let Some(row) = c::table.find(code_hash).select(CodeRow::as_select()).first(conn).optional()? else {
        return Ok(Taken::Unknown);
    };
    let n = diesel::update(c::table.find(code_hash).filter(c::used_at.is_null()))
        .set(c::used_at.eq(Some(now)))
        .execute(conn)?;
    Ok(if n == 1 { Taken::Fresh(row) } else { Taken::Reused(row) })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Access,
    Refresh,
}

impl TokenKind {
    fn as_str(self) -> &'static str {
        match self {
            TokenKind::Access => "access",
            TokenKind::Refresh => "refresh",
        }
    }
}

pub fn insert_token(
    conn: &mut AnyConnection,
    (token_hash, grant_id): (&str, i64),
    kind: TokenKind,
    expires_at: i64,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(t::table)
        .values((
            t::token_hash.eq(token_hash),
            t::grant_id.eq(grant_id),
            t::kind.eq(kind.as_str()),
            t::created_at.eq(now),
            t::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRow {
    pub grant_id: i64,
    pub kind: TokenKind,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// The token whose hash this is, with its grant.
pub fn token(conn: &mut AnyConnection, token_hash: &str) -> QueryResult<Option<(TokenRow, GrantRow)>> {
    let row: Option<(i64, String, i64, i64, Option<i64>)> = t::table
        .find(token_hash)
        .select((t::grant_id, t::kind, t::created_at, t::expires_at, t::used_at))
        .first(conn)
        .optional()?;
    let Some((grant_id, kind, created_at, expires_at, used_at)) = row else {
        return Ok(None);
    };
    let kind = if kind == "refresh" { TokenKind::Refresh } else { TokenKind::Access };
    let Some(grant) = grant(conn, grant_id)? else {
        return Ok(None);
    };
    Ok(Some((TokenRow { grant_id, kind, created_at, expires_at, used_at }, grant)))
}

/// Uses a refresh token once; false when it was used before (by this request's rival too).
pub fn use_refresh(conn: &mut AnyConnection, token_hash: &str, now: i64) -> QueryResult<bool> {
    let n = diesel::update(t::table.find(token_hash).filter(t::used_at.is_null()))
        .set(t::used_at.eq(Some(now)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Ends one access token (RFC 7009 revocation of an access token alone).
pub fn expire_token(conn: &mut AnyConnection, token_hash: &str, now: i64) -> QueryResult<()> {
    diesel::update(t::table.find(token_hash).filter(t::expires_at.gt(now))).set(t::expires_at.eq(now)).execute(conn)?;
    Ok(())
}

/// Forgets codes and tokens past their end, and grants revoked or left with nothing.
pub fn delete_expired(conn: &mut AnyConnection, now: i64, keep_revoked: i64) -> QueryResult<usize> {
    let codes = diesel::delete(c::table.filter(c::expires_at.lt(now - keep_revoked))).execute(conn)?;
    let tokens = diesel::delete(t::table.filter(t::expires_at.lt(now - keep_revoked))).execute(conn)?;
    Ok(codes + tokens)
}

/// Ends every live grant that came from the Gatehouse sessions `sids` (a sign-out, an expiry,
/// a credential change: whatever ended them), queueing a back-channel logout for each
/// subsystem that takes one. How many grants ended.
pub fn end_sessions(conn: &mut AnyConnection, sids: &[String], now: i64) -> QueryResult<usize> {
    if sids.is_empty() {
        return Ok(0);
    }
    let live: Vec<(i64, i64, i64, String)> = g::table
        .filter(g::sid.eq_any(sids))
        .filter(g::revoked_at.is_null())
        .select((g::id, g::subsystem_id, g::user_id, g::sid))
        .load(conn)?;
    end(conn, live, now)
}

/// Ends the live grants of `user_id` (to `subsystem_id` alone, or to every subsystem): its
/// grant or consent was taken back, or what the subsystems were told about it changed (the
/// main role handed over). Its Gatehouse sessions go on.
pub fn end_grants(conn: &mut AnyConnection, user_id: i64, subsystem_id: Option<i64>, now: i64) -> QueryResult<usize> {
    let mut query = g::table.filter(g::user_id.eq(user_id)).filter(g::revoked_at.is_null()).into_boxed();
    if let Some(subsystem) = subsystem_id {
        query = query.filter(g::subsystem_id.eq(subsystem));
    }
    let live: Vec<(i64, i64, i64, String)> = query.select((g::id, g::subsystem_id, g::user_id, g::sid)).load(conn)?;
    end(conn, live, now)
}

fn end(conn: &mut AnyConnection, live: Vec<(i64, i64, i64, String)>, now: i64) -> QueryResult<usize> {
    use super::schema::{logout_deliveries as d, subsystems as s};
    let ids: Vec<i64> = live.iter().map(|(id, ..)| *id).collect();
    let ended = diesel::update(g::table.filter(g::id.eq_any(&ids)).filter(g::revoked_at.is_null()))
        .set(g::revoked_at.eq(Some(now)))
        .execute(conn)?;
    // One logout per subsystem and session, to the subsystems that take one.
    let subsystems: Vec<i64> = live.iter().map(|(_, subsystem, ..)| *subsystem).collect();
    let listening: Vec<i64> =
        s::table.filter(s::id.eq_any(&subsystems)).filter(s::backchannel_logout_uri.ne("")).select(s::id).load(conn)?;
    let mut queued: Vec<(i64, String)> = Vec::new();
    for (_, subsystem, user, sid) in live {
        if !listening.contains(&subsystem) || queued.contains(&(subsystem, sid.clone())) {
            continue;
        }
        diesel::insert_into(d::table)
            .values((
                d::subsystem_id.eq(subsystem),
                d::user_id.eq(user),
                d::sid.eq(&sid),
                d::created_at.eq(now),
                d::next_attempt_at.eq(now),
            ))
            .execute(conn)?;
        queued.push((subsystem, sid));
    }
    Ok(ended)
}

/// A back-channel logout waiting to be delivered, with where to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogoutDelivery {
    pub id: i64,
    pub client_id: String,
    pub uri: String,
    pub user_id: i64,
    pub sid: String,
    pub attempts: i32,
}

/// The deliveries due at `now`, oldest first, that have not given up.
pub fn due_logouts(
    conn: &mut AnyConnection,
    now: i64,
    max_attempts: i32,
    limit: i64,
) -> QueryResult<Vec<LogoutDelivery>> {
    use super::schema::{logout_deliveries as d, subsystems as s};
    let rows: Vec<(i64, String, String, i64, String, i32)> = d::table
        .inner_join(s::table.on(s::id.eq(d::subsystem_id)))
        .filter(d::delivered_at.is_null())
        .filter(d::next_attempt_at.le(now))
        .filter(d::attempts.lt(max_attempts))
        .order(d::id)
        .limit(limit)
        .select((d::id, s::code, s::backchannel_logout_uri, d::user_id, d::sid, d::attempts))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, client_id, uri, user_id, sid, attempts)| LogoutDelivery {
            id,
            client_id,
            uri,
            user_id,
            sid,
            attempts,
        })
        .collect())
}

/// Takes delivery `id` for one attempt (its next attempt moved to `lease_until`), if no other
/// server took it first: each logout is sent by one server.
pub fn claim_logout(conn: &mut AnyConnection, id: i64, now: i64, lease_until: i64) -> QueryResult<bool> {
    use super::schema::logout_deliveries as d;
    let n = diesel::update(d::table.find(id).filter(d::next_attempt_at.le(now)).filter(d::delivered_at.is_null()))
        .set(d::next_attempt_at.eq(lease_until))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn logout_delivered(conn: &mut AnyConnection, id: i64, now: i64) -> QueryResult<()> {
    use super::schema::logout_deliveries as d;
    diesel::update(d::table.find(id)).set(d::delivered_at.eq(Some(now))).execute(conn)?;
    Ok(())
}

pub fn logout_failed(conn: &mut AnyConnection, id: i64, error: &str, retry_at: i64) -> QueryResult<()> {
    use super::schema::logout_deliveries as d;
    let error: String = error.chars().take(500).collect();
    diesel::update(d::table.find(id))
        .set((d::attempts.eq(d::attempts + 1), d::last_error.eq(error), d::next_attempt_at.eq(retry_at)))
        .execute(conn)?;
    Ok(())
}
