//! The organizations' registered contacts (既有聯絡人, SPEC §2 step 2): loaded from the central
//! authority's file, offered by (masked) name on the application's first step.

use diesel::prelude::*;

use super::{
    schema::{org_contacts as c, users as u},
    AnyConnection,
};
use crate::accounts::AccountStatus;

diesel::define_sql_function! {
    /// Lower case, in both backends (entries keep their addresses in lower case; accounts as
    /// typed).
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = c)]
pub struct OrgContact {
    pub id: i64,
    pub org_id: i64,
    pub display_name: String,
    pub email: String,
    pub mobile: String,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub user_id: Option<i64>,
}

/// What the contacts file says of one person; the email (lower case) names the entry within
/// its organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactFields {
    pub display_name: String,
    pub email: String,
    pub mobile: String,
    pub title: Option<String>,
    pub unit: Option<String>,
}

/// The organization's contacts who may still apply: none whose application made an account,
/// and none whose address an account of the organization already has (made another way),
/// unless that account was refused. Sorted by name.
pub fn open_to_apply(conn: &mut AnyConnection, org_id: i64) -> QueryResult<Vec<OrgContact>> {
    let mut listed: Vec<OrgContact> = c::table
        .filter(c::org_id.eq(org_id))
        .filter(c::user_id.is_null())
        .select(OrgContact::as_select())
        .load(conn)?;
    if listed.is_empty() {
        return Ok(listed);
    }
    // Only the listed addresses are looked up: an agency may have thousands of accounts.
    let emails: Vec<String> = listed.iter().map(|c| c.email.clone()).collect();
    let taken: Vec<String> = u::table
        .filter(u::org_id.eq(org_id))
        .filter(u::status.ne(AccountStatus::Rejected.as_str()))
        .filter(lower(u::email).eq_any(&emails))
        .select(lower(u::email))
        .load(conn)?;
    listed.retain(|contact| !taken.contains(&contact.email));
    listed.sort_by(|a, b| a.display_name.cmp(&b.display_name).then(a.id.cmp(&b.id)));
    Ok(listed)
}

pub fn find(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<OrgContact>> {
    c::table.find(id).select(OrgContact::as_select()).first(conn).optional()
}

/// The entry leads to this account now (its application was submitted): it leaves the list.
/// False when another application took it first.
pub fn link_user(conn: &mut AnyConnection, id: i64, user_id: i64) -> QueryResult<bool> {
    let n = diesel::update(c::table.find(id).filter(c::user_id.is_null())).set(c::user_id.eq(user_id)).execute(conn)?;
    Ok(n == 1)
}

/// The account was refused: its entry may be applied with again.
pub fn unlink_user(conn: &mut AnyConnection, user_id: i64) -> QueryResult<usize> {
    diesel::update(c::table.filter(c::user_id.eq(user_id))).set(c::user_id.eq(None::<i64>)).execute(conn)
}

/// Whether the import adds, changes or leaves the entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upserted {
    Added,
    Updated,
    Unchanged,
}

/// Adds or updates the organization's entry for `fields.email`.
pub fn upsert(conn: &mut AnyConnection, org_id: i64, fields: &ContactFields, now: i64) -> QueryResult<Upserted> {
    let existing: Option<OrgContact> = c::table
        .filter(c::org_id.eq(org_id))
        .filter(c::email.eq(&fields.email))
        .select(OrgContact::as_select())
        .first(conn)
        .optional()?;
    match existing {
        None => {
            diesel::insert_into(c::table)
                .values((
                    c::org_id.eq(org_id),
                    c::display_name.eq(&fields.display_name),
                    c::email.eq(&fields.email),
                    c::mobile.eq(&fields.mobile),
                    c::title.eq(&fields.title),
                    c::unit.eq(&fields.unit),
                    c::updated_at.eq(now),
                ))
                .execute(conn)?;
            Ok(Upserted::Added)
        }
        Some(e)
            if e.display_name == fields.display_name
                && e.mobile == fields.mobile
                && e.title == fields.title
                && e.unit == fields.unit =>
        {
            Ok(Upserted::Unchanged)
        }
        Some(e) => {
            diesel::update(c::table.find(e.id))
                .set((
                    c::display_name.eq(&fields.display_name),
                    c::mobile.eq(&fields.mobile),
                    c::title.eq(&fields.title),
                    c::unit.eq(&fields.unit),
                    c::updated_at.eq(now),
                ))
                .execute(conn)?;
            Ok(Upserted::Updated)
        }
    }
}
