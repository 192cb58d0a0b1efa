//! Schools' (and agencies') requests for a main account, and the central authority's answers.

use diesel::prelude::*;

use super::{
    orgs::Org,
    schema::{main_account_requests as r, organizations as o},
    AnyConnection,
};
use crate::accounts::{NewMember, Profile};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = r)]
pub struct StoredRequest {
    pub id: i64,
    pub org_id: i64,
    pub part: String,
    pub display_name: String,
    pub email: String,
    pub title: String,
    pub unit: String,
    pub office_phone: String,
    pub office_ext: String,
    pub address: String,
    pub fax: String,
    pub status: String,
    pub created_at: i64,
}

impl StoredRequest {
    /// What was asked for, as the sub-account's form would have it.
    pub fn member(&self) -> NewMember {
        NewMember {
            part: self.part.clone(),
            name: self.display_name.clone(),
            email: self.email.clone(),
            profile: Profile {
                title: self.title.clone(),
                unit: self.unit.clone(),
                address: self.address.clone(),
                office_phone: self.office_phone.clone(),
                office_ext: self.office_ext.clone(),
                fax: self.fax.clone(),
            },
        }
    }
}

pub const PENDING: &str = "pending";
pub const APPROVED: &str = "approved";
pub const REJECTED: &str = "rejected";

/// Records a request; `false` when the organization already has one open (the unique index
/// decides, so two at once leave one).
pub fn insert(conn: &mut AnyConnection, org_id: i64, new: &NewMember, now: i64) -> QueryResult<bool> {
    let p = &new.profile;
    let insert = diesel::insert_into(r::table)
        .values((
            r::org_id.eq(org_id),
            r::part.eq(new.part.trim()),
            r::display_name.eq(new.name.trim()),
            r::email.eq(new.email.trim()),
            r::title.eq(p.title.trim()),
            r::unit.eq(p.unit.trim()),
            r::office_phone.eq(p.office_phone.trim()),
            r::office_ext.eq(p.office_ext.trim()),
            r::address.eq(p.address.trim()),
            r::fax.eq(p.fax.trim()),
            r::status.eq(PENDING),
            r::created_at.eq(now),
        ))
        .on_conflict_do_nothing();
    Ok(crate::per_backend!(conn, conn => insert.execute(conn))? == 1)
}

/// The open requests, the oldest first, each with its organization.
pub fn pending(conn: &mut AnyConnection) -> QueryResult<Vec<(StoredRequest, Org)>> {
    r::table
        .inner_join(o::table)
        .filter(r::status.eq(PENDING))
        .order(r::created_at)
        .select((StoredRequest::as_select(), Org::as_select()))
        .load(conn)
}

/// One request, if it is still open.
pub fn find_pending(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<StoredRequest>> {
    r::table.find(id).filter(r::status.eq(PENDING)).select(StoredRequest::as_select()).first(conn).optional()
}

/// Closes an open request as `status`; `false` when it was no longer open (a second answer at
/// the same time).
pub fn settle(
    conn: &mut AnyConnection,
    id: i64,
    (status, reason): (&str, &str),
    reviewer: i64,
    now: i64,
) -> QueryResult<bool> {
    let n = diesel::update(r::table.find(id).filter(r::status.eq(PENDING)))
        .set((r::status.eq(status), r::reason.eq(reason), r::reviewer_id.eq(reviewer), r::reviewed_at.eq(now)))
        .execute(conn)?;
    Ok(n == 1)
}

/// The account an approved request created.
pub fn link_user(conn: &mut AnyConnection, id: i64, user_id: i64) -> QueryResult<()> {
    diesel::update(r::table.find(id)).set(r::user_id.eq(user_id)).execute(conn)?;
    Ok(())
}
