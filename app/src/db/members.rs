//! An organization's accounts as its main account manages them (子帳號管理, SPEC §4).

use diesel::prelude::*;

use super::{
    now,
    schema::{grants, organizations, second_factors, subsystems, users},
    users::User,
    AnyConnection,
};
use crate::accounts::{AccountStatus, MemberRow};

/// The code an organization's sub-accounts' usernames begin with: its school code, or its
/// agency code; none when the directory knows neither.
pub fn username_prefix(conn: &mut AnyConnection, org_id: i64) -> QueryResult<Option<String>> {
    let (school, agency): (Option<String>, Option<String>) = organizations::table
        .find(org_id)
        .select((organizations::school_code, organizations::agency_code))
        .first(conn)?;
    Ok(school.or(agency).map(|c| c.trim().to_string()).filter(|c| !c.is_empty()))
}

/// The organization's accounts that can sign in or were turned off (never applications still
/// waiting or turned down) whose username, name, email or unit contains `q`: the main account
/// first, then by username; at most `limit`, and whether more matched. `viewer` is marked.
pub fn list(
    conn: &mut AnyConnection,
    (org_id, viewer): (i64, i64),
    q: &str,
    limit: i64,
) -> QueryResult<(Vec<MemberRow>, bool)> {
    let pattern = format!("%{}%", super::like_escape(&q.trim().to_lowercase()));
    let statuses = [AccountStatus::Active.as_str(), AccountStatus::Disabled.as_str()];
    let found: Vec<User> = users::table
        .filter(users::org_id.eq(org_id))
        .filter(users::status.eq_any(statuses))
        .filter(
            users::username_key
                .like(&pattern)
                .escape('\\')
                .or(users::display_name.like(&pattern).escape('\\'))
                .or(users::email.like(&pattern).escape('\\'))
                .or(users::unit.like(&pattern).escape('\\')),
        )
        .order((users::role.asc(), users::username_key.asc()))
        .limit(limit + 1)
        .select(User::as_select())
        .load(conn)?;
    let more = found.len() as i64 > limit;
    let found: Vec<User> = found.into_iter().take(limit as usize).collect();
    let ids: Vec<i64> = found.iter().map(|u| u.id).collect();
    let granted: Vec<(i64, String, String)> = grants::table
        .inner_join(subsystems::table.on(subsystems::id.eq(grants::subsystem_id)))
        .filter(grants::user_id.eq_any(&ids))
        .select((grants::user_id, subsystems::code, grants::functions))
        .load(conn)?;
    let consented = super::consents::of_users(conn, &ids)?;
    let bound: Vec<i64> = second_factors::table
        .filter(second_factors::user_id.eq_any(&ids))
        .select(second_factors::user_id)
        .load(conn)?;
    let rows = found
        .into_iter()
        .map(|u| MemberRow {
            id: u.id,
            is_main: u.role == crate::accounts::Role::OrgAdmin,
            is_you: u.id == viewer,
            password_set: !u.awaits_password(),
            bound: bound.contains(&u.id),
            consents: consented.iter().filter(|(id, _)| *id == u.id).map(|(_, c)| c.clone()).collect(),
            grants: granted.iter().filter(|(id, ..)| *id == u.id).map(|(_, c, _)| c.clone()).collect(),
            functions: granted
                .iter()
                .filter(|(id, ..)| *id == u.id)
                .flat_map(|(_, code, list)| {
                    list.split(',').filter(|f| !f.is_empty()).map(move |f| format!("{code}:{f}"))
                })
                .collect(),
            username: u.username,
            name: u.display_name,
            unit: u.unit.unwrap_or_default(),
            title: u.title.unwrap_or_default(),
            email: u.email,
            status: u.status,
            last_sign_in_at: u.last_sign_in_at,
        })
        .collect();
    Ok((rows, more))
}

/// Turns an account off or back on; `false` when it was not in the other state.
pub fn set_status(conn: &mut AnyConnection, id: i64, from: AccountStatus, to: AccountStatus) -> QueryResult<bool> {
    let n = diesel::update(users::table.find(id).filter(users::status.eq(from.as_str())))
        .set((users::status.eq(to.as_str()), users::updated_at.eq(now())))
        .execute(conn)?;
    Ok(n == 1)
}

/// Gives the account `id` the role `role` (the main role moves only by a transfer).
pub fn set_role(conn: &mut AnyConnection, id: i64, role: crate::accounts::Role) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::role.eq(role.as_str()), users::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

/// Which of the username keys `keys` are taken.
pub fn taken(conn: &mut AnyConnection, keys: &[String]) -> QueryResult<std::collections::HashSet<String>> {
    let mut found = std::collections::HashSet::new();
    // In slices, well under any database's limit of bound values.
    for slice in keys.chunks(500) {
        let some: Vec<String> =
            users::table.filter(users::username_key.eq_any(slice)).select(users::username_key).load(conn)?;
        found.extend(some);
    }
    Ok(found)
}

/// The organization's main accounts (one, unless the role was assigned twice).
pub fn main_accounts(conn: &mut AnyConnection, org_id: i64) -> QueryResult<Vec<User>> {
    with_role(conn, org_id, crate::accounts::Role::OrgAdmin)
}

/// The organization's accounts of `role`.
pub fn with_role(conn: &mut AnyConnection, org_id: i64, role: crate::accounts::Role) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::org_id.eq(org_id))
        .filter(users::role.eq(role.as_str()))
        .select(User::as_select())
        .load(conn)
}

/// The organization's active main accounts with their office phone and extension, for the
/// public list of who administers it.
pub fn admin_contacts(
    conn: &mut AnyConnection,
    org_id: i64,
) -> QueryResult<Vec<(User, Option<String>, Option<String>)>> {
    users::table
        .filter(users::org_id.eq(org_id))
        .filter(users::role.eq(crate::accounts::Role::OrgAdmin.as_str()))
        .filter(users::status.eq(AccountStatus::Active.as_str()))
        .order(users::id)
        .select((User::as_select(), users::office_phone, users::office_ext))
        .load(conn)
}
