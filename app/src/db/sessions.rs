//! Server-side sessions. The cookie holds a random token; the table holds its SHA-256.

use diesel::prelude::*;

use super::{schema::sessions, AnyConnection};
use crate::accounts::SessionStage;

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id_hash: String,
    pub user_id: i64,
    #[diesel(deserialize_as = String)]
    pub stage: SessionStage,
    pub pending_secret: Option<String>,
    pub ip: String,
    pub user_agent: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    /// When a second factor was last proved on this session (sign-in, binding, step-up).
    pub verified_at: Option<i64>,
    /// The session's id for the subsystems (OpenID Connect's `sid`): it stays when the cookie's
    /// id changes.
    pub sid: String,
    /// How its person signed in (RFC 8176 values, space-separated), and when the sign-in
    /// finished.
    pub amr: String,
    pub signed_in_at: Option<i64>,
}

pub fn insert(conn: &mut AnyConnection, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::id_hash.eq(&row.id_hash),
            sessions::user_id.eq(row.user_id),
            sessions::stage.eq(row.stage.as_str()),
            sessions::pending_secret.eq(row.pending_secret.as_deref()),
            sessions::ip.eq(&row.ip),
            sessions::user_agent.eq(&row.user_agent),
            sessions::created_at.eq(row.created_at),
            sessions::last_seen_at.eq(row.last_seen_at),
            sessions::expires_at.eq(row.expires_at),
            sessions::verified_at.eq(row.verified_at),
            sessions::sid.eq(&row.sid),
            sessions::amr.eq(&row.amr),
            sessions::signed_in_at.eq(row.signed_in_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut AnyConnection, id_hash: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table.find(id_hash).select(SessionRow::as_select()).first(conn).optional()
}

pub fn touch(conn: &mut AnyConnection, id_hash: &str, now: i64) -> QueryResult<()> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::last_seen_at.eq(now)).execute(conn)?;
    Ok(())
}

/// A second factor was proved on the session (the sign-in's second step, a binding, a
/// step-up): it is fully signed in under a new id, freshly verified. A sign-in that finishes
/// here records how (`signed_in`: its `amr`). False if it is gone.
pub fn verified(
    conn: &mut AnyConnection,
    (old_hash, new_hash): (&str, &str),
    signed_in: Option<&str>,
    now: i64,
) -> QueryResult<bool> {
    let target = sessions::table.find(old_hash);
    let common = (
        sessions::id_hash.eq(new_hash),
        sessions::stage.eq(SessionStage::Full.as_str()),
        sessions::pending_secret.eq(None::<String>),
        sessions::last_seen_at.eq(now),
        sessions::verified_at.eq(Some(now)),
    );
    let n = match signed_in {
        Some(amr) => diesel::update(target)
            .set((common, sessions::amr.eq(amr), sessions::signed_in_at.eq(Some(now))))
            .execute(conn)?,
        None => diesel::update(target).set(common).execute(conn)?,
    };
    Ok(n == 1)
}

/// The live session whose subsystem id is `sid`, if any.
pub fn by_sid(conn: &mut AnyConnection, sid: &str, now: i64) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .filter(sessions::sid.eq(sid))
        .filter(sessions::expires_at.gt(now))
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

pub fn set_pending_secret(conn: &mut AnyConnection, id_hash: &str, secret: Option<&str>) -> QueryResult<()> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::pending_secret.eq(secret)).execute(conn)?;
    Ok(())
}

/// The subsystem ids (`sid`) of the sessions about to end, whose sign-ins to subsystems end
/// with them (`oidc::end_sessions`): every way a session ends goes through here.
fn ending(conn: &mut AnyConnection, sids: Vec<String>) -> QueryResult<()> {
    super::oidc::end_sessions(conn, &sids, super::now())?;
    Ok(())
}

pub fn delete(conn: &mut AnyConnection, id_hash: &str) -> QueryResult<usize> {
    let sids = sessions::table.find(id_hash).select(sessions::sid).load(conn)?;
    ending(conn, sids)?;
    diesel::delete(sessions::table.find(id_hash)).execute(conn)
}

/// Ends the sessions past their end (the housekeeping sweep).
pub fn delete_expired(conn: &mut AnyConnection, now: i64) -> QueryResult<usize> {
    let expired = sessions::table.filter(sessions::expires_at.le(now));
    let sids = expired.select(sessions::sid).load(conn)?;
    ending(conn, sids)?;
    diesel::delete(expired).execute(conn)
}

/// Ends the sessions of every account of the organization `org_id` (turned off).
pub fn delete_of_org(conn: &mut AnyConnection, org_id: i64) -> QueryResult<usize> {
    use super::schema::users;
    let of_org = users::table.filter(users::org_id.eq(org_id)).select(users::id);
    let sids = sessions::table.filter(sessions::user_id.eq_any(of_org)).select(sessions::sid).load(conn)?;
    ending(conn, sids)?;
    let of_org = users::table.filter(users::org_id.eq(org_id)).select(users::id);
    diesel::delete(sessions::table.filter(sessions::user_id.eq_any(of_org))).execute(conn)
}

/// Ends the sign-ins of `user_id` that passed the password but not the second factor (one
/// may carry a signing-in-again's subsystems, `replace`).
pub fn delete_half_finished(conn: &mut AnyConnection, user_id: i64) -> QueryResult<usize> {
    let half = || {
        sessions::table.filter(sessions::user_id.eq(user_id)).filter(sessions::stage.ne(SessionStage::Full.as_str()))
    };
    let sids = half().select(sessions::sid).load(conn)?;
    ending(conn, sids)?;
    diesel::delete(half()).execute(conn)
}

/// Ends the session `id_hash` for a new sign-in in the same browser, and returns its `sid`
/// when the new one is of the same account: signing in again (a subsystem's `prompt=login`
/// or `max_age`) keeps the sign-ins to the other subsystems, which the new session carries
/// on. A session of another account ends with its sign-ins.
pub fn replace(conn: &mut AnyConnection, id_hash: &str, user_id: i64) -> QueryResult<Option<String>> {
    let old: Option<(i64, String)> =
        sessions::table.find(id_hash).select((sessions::user_id, sessions::sid)).first(conn).optional()?;
    match old {
        Some((owner, sid)) if owner == user_id => {
            diesel::delete(sessions::table.find(id_hash)).execute(conn)?;
            Ok(Some(sid))
        }
        _ => {
            delete(conn, id_hash)?;
            Ok(None)
        }
    }
}

/// Ends every session of `user_id` but `keep` (sign out my other sessions; password change).
pub fn delete_others(conn: &mut AnyConnection, user_id: i64, keep: Option<&str>) -> QueryResult<usize> {
    let sids: Vec<String> = match keep {
        Some(keep) => sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::id_hash.ne(keep))
            .select(sessions::sid)
            .load(conn)?,
        None => sessions::table.filter(sessions::user_id.eq(user_id)).select(sessions::sid).load(conn)?,
    };
    ending(conn, sids)?;
    match keep {
        Some(keep) => {
            diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id)).filter(sessions::id_hash.ne(keep)))
                .execute(conn)
        }
        None => diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn),
    }
}

/// Forgets offered authenticator secrets stored before they were sealed.
pub fn clear_unsealed_pending(conn: &mut AnyConnection) -> QueryResult<usize> {
    diesel::update(sessions::table.filter(sessions::pending_secret.not_like("v1:%")))
        .set(sessions::pending_secret.eq(None::<String>))
        .execute(conn)
}
