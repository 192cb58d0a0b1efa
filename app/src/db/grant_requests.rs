//! 申請權限 and 申請刪除權限: requests about one subsystem, one pending at a time per account.

use diesel::prelude::*;

use super::{
    schema::{grant_requests as r, organizations as o, subsystems as s, users as u},
    AnyConnection,
};
use crate::{
    accounts::{AccountStatus, ApplicationKind, GrantChange, Role},
    permissions::Scope,
};

/// A request with what its reviewer needs: who, where, which subsystem.
#[derive(Clone, Debug)]
pub struct Pending {
    pub id: i64,
    pub change: GrantChange,
    pub user_id: i64,
    pub role: Role,
    pub org_id: i64,
    pub subsystem_code: String,
    pub subsystem_zh: String,
    pub subsystem_en: String,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub unit: Option<String>,
    pub org_name: String,
    pub created_at: i64,
    /// Still waiting for its review.
    pub pending: bool,
}

type Row = (
    i64,
    String,
    i64,
    String,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
    String,
);

fn pending(row: Row) -> Result<Pending, crate::accounts::UnknownValue> {
    let (
        id,
        change,
        user_id,
        role,
        org_id,
        code,
        zh,
        en,
        username,
        display_name,
        email,
        unit,
        org_name,
        created_at,
        status,
    ) = row;
    Ok(Pending {
        id,
        change: GrantChange::try_from(change)?,
        user_id,
        role: Role::try_from(role)?,
        org_id,
        subsystem_code: code,
        subsystem_zh: zh,
        subsystem_en: en,
        username,
        display_name,
        email,
        unit,
        org_name,
        created_at,
        pending: status == "pending",
    })
}

/// Asks for `change` of the subsystem `code`; false when one is already pending (the unique
/// index says so, also when two requests race).
pub fn insert(conn: &mut AnyConnection, user_id: i64, code: &str, change: GrantChange, now: i64) -> QueryResult<bool> {
    let subsystem: i64 = s::table.filter(s::code.eq(code)).select(s::id).first(conn)?;
    let insert = diesel::insert_into(r::table)
        .values((
            r::user_id.eq(user_id),
            r::subsystem_id.eq(subsystem),
            r::change.eq(change.as_str()),
            r::created_at.eq(now),
        ))
        .on_conflict_do_nothing();
    Ok(crate::per_backend!(conn, c => insert.execute(c))? == 1)
}

/// The account's pending requests: subsystem code and change.
pub fn pending_of(conn: &mut AnyConnection, user_id: i64) -> QueryResult<Vec<(String, String)>> {
    r::table
        .inner_join(s::table)
        .filter(r::user_id.eq(user_id))
        .filter(r::status.eq("pending"))
        .select((s::code, r::change))
        .load(conn)
}

fn select(
    conn: &mut AnyConnection,
    only_pending: bool,
    id: Option<i64>,
    org_id: Option<i64>,
    role: Option<Role>,
) -> QueryResult<Vec<Row>> {
    let mut query = r::table
        .inner_join(s::table)
        .inner_join(u::table.on(u::id.eq(r::user_id)))
        .inner_join(o::table.on(o::id.eq(u::org_id)))
        .filter(u::status.eq(AccountStatus::Active.as_str()))
        .into_boxed();
    if only_pending {
        query = query.filter(r::status.eq("pending"));
    }
    if let Some(id) = id {
        query = query.filter(r::id.eq(id));
    }
    if let Some(org) = org_id {
        query = query.filter(u::org_id.eq(org));
    }
    if let Some(role) = role {
        query = query.filter(u::role.eq(role.as_str()));
    }
    query
        .order((r::created_at.asc(), r::id.asc()))
        .limit(1000)
        .select((
            r::id,
            r::change,
            u::id,
            u::role,
            u::org_id,
            s::code,
            s::name_zh,
            s::name_en,
            u::username,
            u::display_name,
            u::email,
            u::unit,
            o::name,
            r::created_at,
            r::status,
        ))
        .load(conn)
}

fn parsed(rows: Vec<Row>) -> QueryResult<Vec<Pending>> {
    rows.into_iter()
        .map(|row| pending(row).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e))))
        .collect()
}

/// Pending requests of the accounts reviewed as `kind`'s, in `scope`.
pub fn queue(conn: &mut AnyConnection, scope: Scope, kind: ApplicationKind) -> QueryResult<Vec<Pending>> {
    parsed(select(conn, true, None, scope.org(), Some(kind.role()))?)
}

/// How many requests of active accounts reviewed as `kind`'s wait in `scope`.
pub fn count_pending(conn: &mut AnyConnection, scope: Scope, kind: ApplicationKind) -> QueryResult<i64> {
    let mut query = r::table
        .inner_join(u::table.on(u::id.eq(r::user_id)))
        .filter(r::status.eq("pending"))
        .filter(u::status.eq(AccountStatus::Active.as_str()))
        .filter(u::role.eq(kind.role().as_str()))
        .into_boxed();
    if let Some(org) = scope.org() {
        query = query.filter(u::org_id.eq(org));
    }
    query.count().get_result(conn)
}

/// Request `id`, pending or settled.
pub fn find(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Pending>> {
    Ok(parsed(select(conn, false, Some(id), None, None)?)?.into_iter().next())
}

/// Settles a pending request; false when it was no longer pending (another reviewer was first).
pub fn settle(
    conn: &mut AnyConnection,
    id: i64,
    approved: bool,
    by: i64,
    reason: Option<&str>,
    now: i64,
) -> QueryResult<bool> {
    let n = diesel::update(r::table.find(id).filter(r::status.eq("pending")))
        .set((
            r::status.eq(if approved { "approved" } else { "rejected" }),
            r::reviewed_by.eq(by),
            r::reviewed_at.eq(now),
            r::reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(n == 1)
}
