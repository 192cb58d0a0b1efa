//! 同意授權: which subsystems an account agreed to share its profile with, and since when.

use diesel::prelude::*;

use super::{
    schema::{consents as c, subsystems as s},
    AnyConnection,
};

fn subsystem_id(conn: &mut AnyConnection, code: &str) -> QueryResult<i64> {
    s::table.filter(s::code.eq(code)).select(s::id).first(conn)
}

/// When `user_id` consented to the subsystem `code`, if it has.
pub fn accepted_at(conn: &mut AnyConnection, user_id: i64, code: &str) -> QueryResult<Option<i64>> {
    let id = subsystem_id(conn, code)?;
    c::table.find((user_id, id)).select(c::accepted_at).first(conn).optional()
}

/// Records the consent to share `fields` (a stored list) with the subsystem `code`; a
/// consent that already covered them keeps its time. `false` when nothing changed.
pub fn give(conn: &mut AnyConnection, user_id: i64, code: &str, fields: &str, now: i64) -> QueryResult<bool> {
    let id = subsystem_id(conn, code)?;
    let had: Option<String> = c::table.find((user_id, id)).select(c::fields).first(conn).optional()?;
    match had {
        Some(had) if had == fields => Ok(false),
        Some(_) => {
            diesel::update(c::table.find((user_id, id)))
                .set((c::fields.eq(fields), c::accepted_at.eq(now)))
                .execute(conn)?;
            Ok(true)
        }
        None => {
            let insert = diesel::insert_into(c::table)
                .values((c::user_id.eq(user_id), c::subsystem_id.eq(id), c::accepted_at.eq(now), c::fields.eq(fields)))
                .on_conflict_do_nothing();
            Ok(crate::per_backend!(conn, conn => insert.execute(conn))? == 1)
        }
    }
}

/// The fields `user_id` agreed to share with the subsystem `code` (a stored list), if it did.
pub fn agreed_fields(conn: &mut AnyConnection, user_id: i64, code: &str) -> QueryResult<Option<String>> {
    let id = subsystem_id(conn, code)?;
    c::table.find((user_id, id)).select(c::fields).first(conn).optional()
}

/// Withdraws the consent; `false` when there was none.
pub fn withdraw(conn: &mut AnyConnection, user_id: i64, code: &str) -> QueryResult<bool> {
    let id = subsystem_id(conn, code)?;
    // What the subsystem holds of the account ends with the consent.
    super::oidc::end_grants(conn, user_id, Some(id), super::now())?;
    Ok(diesel::delete(c::table.find((user_id, id))).execute(conn)? == 1)
}

/// Every consent of the accounts `user_ids`: (account, subsystem code).
pub fn of_users(conn: &mut AnyConnection, user_ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    c::table
        .inner_join(s::table.on(s::id.eq(c::subsystem_id)))
        .filter(c::user_id.eq_any(user_ids))
        .select((c::user_id, s::code))
        .load(conn)
}

/// The codes of the subsystems `user_id` agreed to share its profile with.
pub fn codes_of(conn: &mut AnyConnection, user_id: i64) -> QueryResult<Vec<String>> {
    c::table
        .inner_join(s::table.on(s::id.eq(c::subsystem_id)))
        .filter(c::user_id.eq(user_id))
        .select(s::code)
        .load(conn)
}
