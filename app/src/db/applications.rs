//! Account applications (SPEC §2): drafts the applicant's browser continues by its token,
//! each channel's one live code, and the reviewers' queue.

use diesel::prelude::*;

use super::{
    outbox::Channel,
    schema::{application_scans as sc, applications as a, organizations as o, users as u},
    AnyConnection,
};
use crate::accounts::{AccountStatus, ApplicationKind, ApplicationStatus, Proof, Role};

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = a)]
pub struct Application {
    pub id: i64,
    pub token_hash: String,
    pub org_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: ApplicationKind,
    #[diesel(deserialize_as = String)]
    pub status: ApplicationStatus,
    pub display_name: String,
    pub email: String,
    pub mobile: String,
    pub email_code_hash: Option<String>,
    pub email_code_expires_at: Option<i64>,
    pub email_code_tries: i32,
    pub email_verified_at: Option<i64>,
    pub mobile_code_hash: Option<String>,
    pub mobile_code_expires_at: Option<i64>,
    pub mobile_code_tries: i32,
    pub mobile_verified_at: Option<i64>,
    pub subsystems: Option<String>,
    pub user_id: Option<i64>,
    pub locale: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<i64>,
    pub review_reason: Option<String>,
    pub contact_id: Option<i64>,
    #[diesel(deserialize_as = String)]
    pub proof: Proof,
}

/// One channel's code as stored: its hash, until when it works, and the wrong tries made.
pub struct ChannelCode {
    pub hash: Option<String>,
    pub expires_at: Option<i64>,
    pub tries: i32,
    pub verified: bool,
}

impl Application {
    pub fn code(&self, channel: Channel) -> ChannelCode {
        match channel {
            Channel::Email => ChannelCode {
                hash: self.email_code_hash.clone(),
                expires_at: self.email_code_expires_at,
                tries: self.email_code_tries,
                verified: self.email_verified_at.is_some(),
            },
            Channel::Sms => ChannelCode {
                hash: self.mobile_code_hash.clone(),
                expires_at: self.mobile_code_expires_at,
                tries: self.mobile_code_tries,
                verified: self.mobile_verified_at.is_some(),
            },
        }
    }

    /// Whether what the application needs is proved: both channels, or a registered
    /// contact's one.
    pub fn verified(&self) -> bool {
        self.proof.met(self.email_verified_at.is_some(), self.mobile_verified_at.is_some())
    }

    pub fn chosen(&self) -> Vec<String> {
        self.subsystems.as_deref().unwrap_or("").split_whitespace().map(str::to_string).collect()
    }
}

pub struct Contact<'a> {
    pub org_id: i64,
    pub display_name: &'a str,
    pub email: &'a str,
    pub mobile: &'a str,
    /// A registered contact's entry, when the details matched it.
    pub contact_id: Option<i64>,
    pub proof: Proof,
}

pub fn insert_draft(
    conn: &mut AnyConnection,
    token_hash: &str,
    contact: &Contact,
    locale: &str,
    now: i64,
) -> QueryResult<i64> {
    let insert = diesel::insert_into(a::table).values((
        a::token_hash.eq(token_hash),
        a::org_id.eq(contact.org_id),
        a::display_name.eq(contact.display_name),
        a::email.eq(contact.email),
        a::mobile.eq(contact.mobile),
        a::contact_id.eq(contact.contact_id),
        a::proof.eq(contact.proof.as_str()),
        a::locale.eq(locale),
        a::created_at.eq(now),
        a::updated_at.eq(now),
    ));
    crate::per_backend!(conn, c => insert.returning(a::id).get_result(c))
}

/// A draft's new contact: what was proved of the old one no longer counts, and its codes are
/// void (new ones are sent). The wrong tries stay.
pub fn replace_contact(conn: &mut AnyConnection, id: i64, contact: &Contact, now: i64) -> QueryResult<bool> {
    let n = diesel::update(a::table.find(id).filter(a::status.eq(ApplicationStatus::Draft.as_str())))
        .set((
            a::org_id.eq(contact.org_id),
            a::display_name.eq(contact.display_name),
            a::email.eq(contact.email),
            a::mobile.eq(contact.mobile),
            a::contact_id.eq(contact.contact_id),
            a::proof.eq(contact.proof.as_str()),
            a::email_code_hash.eq(None::<String>),
            a::mobile_code_hash.eq(None::<String>),
            a::email_verified_at.eq(None::<i64>),
            a::mobile_verified_at.eq(None::<i64>),
            a::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn find_by_token(conn: &mut AnyConnection, token_hash: &str) -> QueryResult<Option<Application>> {
    a::table.filter(a::token_hash.eq(token_hash)).select(Application::as_select()).first(conn).optional()
}

pub fn find(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Application>> {
    a::table.find(id).select(Application::as_select()).first(conn).optional()
}

/// Stores the channel's new code, which voids the one before it (only the newest works).
pub fn set_code(conn: &mut AnyConnection, id: i64, channel: Channel, hash: &str, expires_at: i64) -> QueryResult<()> {
    let draft = a::table.find(id).filter(a::status.eq(ApplicationStatus::Draft.as_str()));
    match channel {
        Channel::Email => diesel::update(draft)
            .set((a::email_code_hash.eq(hash), a::email_code_expires_at.eq(expires_at)))
            .execute(conn)?,
        Channel::Sms => diesel::update(draft)
            .set((a::mobile_code_hash.eq(hash), a::mobile_code_expires_at.eq(expires_at)))
            .execute(conn)?,
    };
    Ok(())
}

/// Counts a try at the channel's code before it is compared, while fewer than `max` were made:
/// parallel guesses each take one try. False when none is left.
pub fn reserve_try(conn: &mut AnyConnection, id: i64, channel: Channel, max: i32) -> QueryResult<bool> {
    let row = a::table.find(id);
    let n = match channel {
        Channel::Email => diesel::update(row.filter(a::email_code_tries.lt(max)))
            .set(a::email_code_tries.eq(a::email_code_tries + 1))
            .execute(conn)?,
        Channel::Sms => diesel::update(row.filter(a::mobile_code_tries.lt(max)))
            .set(a::mobile_code_tries.eq(a::mobile_code_tries + 1))
            .execute(conn)?,
    };
    Ok(n == 1)
}

/// The code was right: the channel is proved, the code used up (single use), and the try
/// given back. False when another request used the code first.
pub fn verify_channel(conn: &mut AnyConnection, id: i64, channel: Channel, hash: &str, now: i64) -> QueryResult<bool> {
    let row = a::table.find(id).filter(a::status.eq(ApplicationStatus::Draft.as_str()));
    let n = match channel {
        Channel::Email => diesel::update(row.filter(a::email_code_hash.eq(hash)))
            .set((
                a::email_code_hash.eq(None::<String>),
                a::email_verified_at.eq(now),
                a::email_code_tries.eq(a::email_code_tries - 1),
                a::updated_at.eq(now),
            ))
            .execute(conn)?,
        Channel::Sms => diesel::update(row.filter(a::mobile_code_hash.eq(hash)))
            .set((
                a::mobile_code_hash.eq(None::<String>),
                a::mobile_verified_at.eq(now),
                a::mobile_code_tries.eq(a::mobile_code_tries - 1),
                a::updated_at.eq(now),
            ))
            .execute(conn)?,
    };
    Ok(n == 1)
}

pub fn choose(
    conn: &mut AnyConnection,
    id: i64,
    kind: ApplicationKind,
    subsystems: &[String],
    now: i64,
) -> QueryResult<bool> {
    let n = diesel::update(a::table.find(id).filter(a::status.eq(ApplicationStatus::Draft.as_str())))
        .set((a::kind.eq(kind.as_str()), a::subsystems.eq(subsystems.join(" ")), a::updated_at.eq(now)))
        .execute(conn)?;
    Ok(n == 1)
}

/// The draft becomes pending with its account; false when it was no longer a draft (sent
/// twice at once).
pub fn submit(conn: &mut AnyConnection, id: i64, user_id: i64, now: i64) -> QueryResult<bool> {
    let n = diesel::update(a::table.find(id).filter(a::status.eq(ApplicationStatus::Draft.as_str())))
        .set((
            a::status.eq(ApplicationStatus::Pending.as_str()),
            a::user_id.eq(user_id),
            a::submitted_at.eq(now),
            a::updated_at.eq(now),
            // The codes' hashes are of no use any more.
            a::email_code_hash.eq(None::<String>),
            a::mobile_code_hash.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Approves or rejects a pending application; false when it was no longer pending (another
/// reviewer was first).
pub fn review(
    conn: &mut AnyConnection,
    id: i64,
    to: ApplicationStatus,
    by: i64,
    reason: Option<&str>,
    now: i64,
) -> QueryResult<bool> {
    let n = diesel::update(a::table.find(id).filter(a::status.eq(ApplicationStatus::Pending.as_str())))
        .set((
            a::status.eq(to.as_str()),
            a::reviewed_by.eq(by),
            a::reviewed_at.eq(now),
            a::review_reason.eq(reason),
            a::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// An application with its organization's name, school code and OID, and the account's
/// username, title and unit.
pub type QueueRow =
    (Application, String, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);

/// What a queue shows: applications of this status and kind, of one organization (`Some`) or
/// of all, whose name, username or organization (name, OID, school code) contains `q`.
pub struct QueueFilter<'a> {
    pub status: ApplicationStatus,
    pub kind: ApplicationKind,
    pub org_id: Option<i64>,
    pub q: &'a str,
}

/// A queue row's columns: see `QueueRow`.
macro_rules! queue_columns {
    () => {
        (
            Application::as_select(),
            o::name,
            o::school_code,
            o::oid,
            u::username.nullable(),
            u::title.nullable(),
            u::unit.nullable(),
        )
    };
}

/// The queue's rows and their count come from the same filtered join.
macro_rules! queue_query {
    ($f:expr) => {{
        let f: &QueueFilter = $f;
        let mut query = a::table
            .inner_join(o::table)
            .left_join(u::table.on(u::id.nullable().eq(a::user_id)))
            .filter(a::status.eq(f.status.as_str()))
            .filter(a::kind.eq(f.kind.as_str()))
            .into_boxed();
        if let Some(org) = f.org_id {
            query = query.filter(a::org_id.eq(org));
        }
        let q = f.q.trim();
        if !q.is_empty() {
            let (pattern, key) = contains_patterns(q);
            query = query.filter(
                a::display_name
                    .like(pattern.clone())
                    .escape('\\')
                    .or(u::username_key.nullable().like(key).escape('\\'))
                    .or(o::name.like(pattern.clone()).escape('\\'))
                    .or(o::oid.like(pattern.clone()).escape('\\'))
                    .or(o::school_code.like(pattern).escape('\\')),
            );
        }
        query
    }};
}

/// `LIKE` patterns for "contains `q`": as typed (names), and lower-cased (username keys).
fn contains_patterns(q: &str) -> (String, String) {
    (format!("%{}%", super::like_escape(q)), format!("%{}%", super::like_escape(&q.to_lowercase())))
}

/// One page of the queue, oldest first.
pub fn queue(conn: &mut AnyConnection, filter: &QueueFilter, offset: i64, limit: i64) -> QueryResult<Vec<QueueRow>> {
    queue_query!(filter)
        .order((a::submitted_at.asc(), a::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(queue_columns!())
        .load(conn)
}

/// How many applications the queue holds in all.
pub fn queue_count(conn: &mut AnyConnection, filter: &QueueFilter) -> QueryResult<i64> {
    queue_query!(filter).count().get_result(conn)
}

/// One application with the same extras as the queue's rows.
pub fn detail(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<QueueRow>> {
    a::table
        .inner_join(o::table)
        .left_join(u::table.on(u::id.nullable().eq(a::user_id)))
        .filter(a::id.eq(id))
        .select(queue_columns!())
        .first(conn)
        .optional()
}

/// The organization's active admins: who can review its users' applications now.
pub fn active_admins(conn: &mut AnyConnection, org_id: i64) -> QueryResult<i64> {
    u::table
        .filter(u::org_id.eq(org_id))
        .filter(u::role.eq(Role::OrgAdmin.as_str()))
        .filter(u::status.eq(AccountStatus::Active.as_str()))
        .count()
        .get_result(conn)
}

/// Who reviews an application of `kind` to `org_id`, by name and email: the organization's
/// active admins for a user's, the central authority's active accounts for an admin's.
pub fn reviewers(conn: &mut AnyConnection, org_id: i64, kind: ApplicationKind) -> QueryResult<Vec<(String, String)>> {
    let active = u::table.filter(u::status.eq(AccountStatus::Active.as_str()));
    match kind {
        ApplicationKind::User => active
            .filter(u::org_id.eq(org_id))
            .filter(u::role.eq(Role::OrgAdmin.as_str()))
            .select((u::display_name, u::email))
            .load(conn),
        ApplicationKind::OrgAdmin => {
            active.filter(u::role.eq(Role::Central.as_str())).select((u::display_name, u::email)).load(conn)
        }
    }
}

/// Takes the organization's row lock for the rest of the transaction (PostgreSQL), so that two
/// approvals of admins for one organization are counted one after the other. SQLite's
/// `BEGIN IMMEDIATE` already runs write transactions one at a time.
pub fn lock_org(conn: &mut AnyConnection, org_id: i64) -> QueryResult<()> {
    if let AnyConnection::Postgresql(c) = conn {
        o::table.find(org_id).select(o::id).for_update().first::<i64>(c)?;
    }
    Ok(())
}

/// Stores the application's scan, replacing an earlier one.
pub fn put_scan(conn: &mut AnyConnection, id: i64, content_type: &str, body: &[u8], now: i64) -> QueryResult<()> {
    diesel::delete(sc::table.find(id)).execute(conn)?;
    diesel::insert_into(sc::table)
        .values((
            sc::application_id.eq(id),
            sc::content_type.eq(content_type),
            sc::body.eq(body),
            sc::size.eq(body.len() as i64),
            sc::uploaded_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The scan's type and bytes, if one was uploaded.
pub fn scan(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<(String, Vec<u8>)>> {
    sc::table.find(id).select((sc::content_type, sc::body)).first(conn).optional()
}

/// When the scan was uploaded and its size, if it was.
pub fn scan_info(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<(i64, i64)>> {
    sc::table.find(id).select((sc::uploaded_at, sc::size)).first(conn).optional()
}

/// The organization admins who are not pending or rejected applicants, whose name, username
/// or organization (name, OID, school code) contains `q`.
macro_rules! admins_query {
    ($q:expr) => {{
        let mut query = u::table
            .inner_join(o::table)
            .filter(u::role.eq(Role::OrgAdmin.as_str()))
            .filter(u::status.eq_any([AccountStatus::Active.as_str(), AccountStatus::Disabled.as_str()]))
            .into_boxed();
        let q = $q.trim();
        if !q.is_empty() {
            let (pattern, key) = contains_patterns(q);
            query = query.filter(
                u::display_name
                    .like(pattern.clone())
                    .escape('\\')
                    .or(u::username_key.like(key).escape('\\'))
                    .or(o::name.like(pattern.clone()).escape('\\'))
                    .or(o::oid.like(pattern.clone()).escape('\\'))
                    .or(o::school_code.like(pattern).escape('\\')),
            );
        }
        query
    }};
}

/// One page of the organization admins, with the organization's name, school code and OID,
/// those who never signed in or signed in longest ago first.
pub fn org_admins(
    conn: &mut AnyConnection,
    q: &str,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<(crate::db::users::User, String, Option<String>, Option<String>)>> {
    admins_query!(q)
        // `IS NOT NULL` first: false sorts before true on both backends, so never-signed-in first.
        .order((u::last_sign_in_at.is_not_null().asc(), u::last_sign_in_at.asc(), o::name.asc(), u::username_key.asc()))
        .offset(offset)
        .limit(limit)
        .select((crate::db::users::User::as_select(), o::name, o::school_code, o::oid))
        .load(conn)
}

pub fn org_admins_count(conn: &mut AnyConnection, q: &str) -> QueryResult<i64> {
    admins_query!(q).count().get_result(conn)
}
