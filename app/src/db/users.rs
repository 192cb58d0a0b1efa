//! Accounts, their password history, organizations' names for display, and grants.

use diesel::prelude::*;

use super::{
    now,
    schema::{organizations, password_history, users},
    AnyConnection,
};
use crate::accounts::{username_key, AccountStatus, Profile, Role};

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub org_id: i64,
    pub username: String,
    pub username_key: String,
    pub display_name: String,
    pub email: String,
    pub mobile: Option<String>,
    pub title: Option<String>,
    pub unit: Option<String>,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    #[diesel(deserialize_as = String)]
    pub status: AccountStatus,
    pub password_hash: Option<String>,
    pub password_changed_at: Option<i64>,
    pub password_sign_in: bool,
    pub last_sign_in_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl User {
    pub fn is_active(&self) -> bool {
        self.status == AccountStatus::Active
    }

    /// An active account whose password may sign in (and be reset by mail): not one whose
    /// owner turned password sign-in off (停用帳號密碼登入).
    pub fn uses_password(&self) -> bool {
        self.is_active() && self.password_sign_in
    }

    /// Signs in by password but has none yet: its set-password link is still out.
    pub fn awaits_password(&self) -> bool {
        self.password_sign_in && self.password_hash.is_none()
    }
}

/// Whether the account may sign in and keep its sessions: active, in an organization the
/// central authority has not disabled (`org_disabled_at`).
fn signs_in(user: &User, org_disabled_at: Option<i64>) -> bool {
    user.is_active() && org_disabled_at.is_none()
}

/// Whether `user` may sign in (see `signs_in`).
pub fn may_sign_in(conn: &mut AnyConnection, user: &User) -> QueryResult<bool> {
    let disabled: Option<Option<i64>> =
        organizations::table.find(user.org_id).select(organizations::disabled_at).first(conn).optional()?;
    Ok(signs_in(user, disabled.flatten()))
}

/// The account `id` and whether it may sign in, in one query: what every request's session
/// check reads.
pub fn find_signing_in(conn: &mut AnyConnection, id: i64) -> QueryResult<(User, bool)> {
    let (user, disabled): (User, Option<i64>) = users::table
        .inner_join(organizations::table)
        .filter(users::id.eq(id))
        .select((User::as_select(), organizations::disabled_at))
        .first(conn)?;
    let may = signs_in(&user, disabled);
    Ok((user, may))
}

#[derive(Clone, Debug, Default)]
pub struct NewUser {
    pub org_id: i64,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub mobile: Option<String>,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub role: Option<Role>,
    /// `Active` unless said otherwise (an application's account is `Pending`).
    pub status: Option<AccountStatus>,
    pub office: OfficeContact,
}

/// The office contact an account keeps beside its name (SPEC §2's account form).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfficeContact {
    pub address: Option<String>,
    pub office_phone: Option<String>,
    pub office_ext: Option<String>,
    pub fax: Option<String>,
}

/// The account's office details as forms show them (absent ones empty).
pub fn profile(conn: &mut AnyConnection, id: i64) -> QueryResult<Profile> {
    type Row = (Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);
    let (title, unit, address, office_phone, office_ext, fax): Row = users::table
        .find(id)
        .select((users::title, users::unit, users::address, users::office_phone, users::office_ext, users::fax))
        .first(conn)?;
    Ok(Profile {
        title: title.unwrap_or_default(),
        unit: unit.unwrap_or_default(),
        address: address.unwrap_or_default(),
        office_phone: office_phone.unwrap_or_default(),
        office_ext: office_ext.unwrap_or_default(),
        fax: fax.unwrap_or_default(),
    })
}

/// The account's office details, as the profile page saves them (empty ones stored as absent).
pub fn set_profile(conn: &mut AnyConnection, id: i64, p: &Profile) -> QueryResult<()> {
    let some = |s: &str| Some(s.trim().to_string()).filter(|t| !t.is_empty());
    diesel::update(users::table.find(id))
        .set((
            users::title.eq(some(&p.title)),
            users::unit.eq(some(&p.unit)),
            users::address.eq(some(&p.address)),
            users::office_phone.eq(some(&p.office_phone)),
            users::office_ext.eq(some(&p.office_ext)),
            users::fax.eq(some(&p.fax)),
            users::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A new email (`Channel::Email`) or mobile for the account.
pub fn set_contact(conn: &mut AnyConnection, id: i64, email: Option<&str>, mobile: Option<&str>) -> QueryResult<()> {
    let row = users::table.find(id);
    let now = now();
    if let Some(email) = email {
        diesel::update(row).set((users::email.eq(email), users::updated_at.eq(now))).execute(conn)?;
    }
    if let Some(mobile) = mobile {
        diesel::update(row).set((users::mobile.eq(mobile), users::updated_at.eq(now))).execute(conn)?;
    }
    Ok(())
}

/// A pending account's review is done: active with `role`, or rejected. False when it was no
/// longer pending.
pub fn settle_pending(conn: &mut AnyConnection, id: i64, to: AccountStatus, role: Role, now: i64) -> QueryResult<bool> {
    let n = diesel::update(users::table.find(id).filter(users::status.eq(AccountStatus::Pending.as_str())))
        .set((users::status.eq(to.as_str()), users::role.eq(role.as_str()), users::updated_at.eq(now)))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn insert(conn: &mut AnyConnection, new: &NewUser) -> QueryResult<i64> {
    let now = now();
    let insert = diesel::insert_into(users::table).values((
        users::org_id.eq(new.org_id),
        users::username.eq(new.username.trim()),
        users::username_key.eq(username_key(&new.username)),
        users::display_name.eq(&new.display_name),
        users::email.eq(new.email.trim()),
        users::mobile.eq(new.mobile.as_deref()),
        users::title.eq(new.title.as_deref()),
        users::unit.eq(new.unit.as_deref()),
        users::role.eq(new.role.unwrap_or(Role::User).as_str()),
        users::status.eq(new.status.unwrap_or(AccountStatus::Active).as_str()),
        users::address.eq(new.office.address.as_deref()),
        users::office_phone.eq(new.office.office_phone.as_deref()),
        users::office_ext.eq(new.office.office_ext.as_deref()),
        users::fax.eq(new.office.fax.as_deref()),
        users::password_sign_in.eq(true),
        users::created_at.eq(now),
        users::updated_at.eq(now),
    ));
    crate::per_backend!(conn, c => insert.returning(users::id).get_result(c))
}

pub fn find_by_key(conn: &mut AnyConnection, username: &str) -> QueryResult<Option<User>> {
    users::table.filter(users::username_key.eq(username_key(username))).select(User::as_select()).first(conn).optional()
}

pub fn find(conn: &mut AnyConnection, id: i64) -> QueryResult<User> {
    users::table.find(id).select(User::as_select()).first(conn)
}

/// The account `id` as it stands, holding its row lock for the rest of the transaction
/// (PostgreSQL; SQLite's `BEGIN IMMEDIATE` runs write transactions one at a time), so that
/// two changes of its sign-in methods are made one after the other.
pub fn locked(conn: &mut AnyConnection, id: i64) -> QueryResult<User> {
    match conn {
        AnyConnection::Postgresql(c) => users::table.find(id).select(User::as_select()).for_update().first(c),
        AnyConnection::Sqlite(_) => find(conn, id),
    }
}

/// The account `id`, if there is one (an id that came from outside, such as a key's handle).
pub fn find_optional(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<User>> {
    find(conn, id).optional()
}

/// Active accounts with this email address (忘記帳號).
pub fn find_by_email(conn: &mut AnyConnection, email: &str) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::email.eq(email.trim()))
        .filter(users::status.eq(AccountStatus::Active.as_str()))
        .order(users::username)
        .select(User::as_select())
        .load(conn)
}

/// An organization's name and the code people know it by (its OID, or its school code).
pub fn org_name_and_code(conn: &mut AnyConnection, org_id: i64) -> QueryResult<(String, String)> {
    let (name, oid, school): (String, Option<String>, Option<String>) = organizations::table
        .find(org_id)
        .select((organizations::name, organizations::oid, organizations::school_code))
        .first(conn)?;
    Ok((name, school.or(oid).unwrap_or_default()))
}

/// An organization's name and OID (empty for a school without one).
pub fn org_name_and_oid(conn: &mut AnyConnection, org_id: i64) -> QueryResult<(String, String)> {
    let (name, oid): (String, Option<String>) =
        organizations::table.find(org_id).select((organizations::name, organizations::oid)).first(conn)?;
    Ok((name, oid.unwrap_or_default()))
}

pub fn org_name(conn: &mut AnyConnection, org_id: i64) -> QueryResult<String> {
    organizations::table.find(org_id).select(organizations::name).first(conn)
}

/// The hashes of the last `n` passwords, newest first (the current one included).
pub fn recent_password_hashes(conn: &mut AnyConnection, user_id: i64, n: usize) -> QueryResult<Vec<String>> {
    password_history::table
        .filter(password_history::user_id.eq(user_id))
        .order(password_history::id.desc())
        .limit(n as i64)
        .select(password_history::password_hash)
        .load(conn)
}

/// Sets a new password hash and records it in the history.
pub fn set_password(conn: &mut AnyConnection, user_id: i64, hash: &str) -> QueryResult<()> {
    let now = now();
    diesel::update(users::table.find(user_id))
        .set((users::password_hash.eq(hash), users::password_changed_at.eq(now), users::updated_at.eq(now)))
        .execute(conn)?;
    diesel::insert_into(password_history::table)
        .values((
            password_history::user_id.eq(user_id),
            password_history::password_hash.eq(hash),
            password_history::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn record_sign_in(conn: &mut AnyConnection, user_id: i64) -> QueryResult<()> {
    diesel::update(users::table.find(user_id)).set(users::last_sign_in_at.eq(now())).execute(conn)?;
    Ok(())
}

/// An account as the central authority's search finds it.
pub struct Found {
    pub user: User,
    pub org_name: String,
    /// Its consecutive sign-in failures (none counted: 0), and when their lock ends, if any.
    pub failures: i32,
    pub locked_until: Option<i64>,
    /// How many second factors it holds.
    pub factors: i64,
}

/// A `Found` as the query reads it.
type FoundRow = (User, String, Option<i32>, Option<i64>, i64);

/// Accounts whose username, name or email contains `q`, in username order (the central
/// authority's search): each with its organization, failures and factors, in one query.
pub fn search(conn: &mut AnyConnection, q: &str, limit: i64) -> QueryResult<Vec<Found>> {
    use super::schema::sign_in_failures as f;
    let pattern = format!("%{}%", super::like_escape(&q.trim().to_lowercase()));
    // Counted beside each row found. Diesel has no typed correlated subquery, and grouping the
    // rows joined with their factors would have to name every selected column in the GROUP BY.
    let factors = diesel::dsl::sql::<diesel::sql_types::BigInt>(
        "(SELECT COUNT(*) FROM second_factors WHERE second_factors.user_id = users.id)",
    );
    let rows: Vec<FoundRow> = users::table
        .inner_join(organizations::table)
        .left_join(f::table.on(f::username_key.eq(users::username_key)))
        .filter(
            users::username_key
                .like(&pattern)
                .escape('\\')
                .or(users::display_name.like(&pattern).escape('\\'))
                .or(users::email.like(&pattern).escape('\\')),
        )
        .order(users::username_key)
        .limit(limit)
        .select((User::as_select(), organizations::name, f::failures.nullable(), f::locked_until.nullable(), factors))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(user, org_name, failures, locked_until, factors)| Found {
            user,
            org_name,
            failures: failures.unwrap_or(0),
            locked_until,
            factors,
        })
        .collect())
}

/// Turns password sign-in off (the password itself is forgotten: only the history keeps its
/// hash, against reuse) or back on; on again takes a new password (`set_password`) or the
/// mailed 忘記密碼 code.
pub fn set_password_sign_in(conn: &mut AnyConnection, user_id: i64, on: bool) -> QueryResult<()> {
    let now = now();
    let target = users::table.find(user_id);
    if on {
        diesel::update(target).set((users::password_sign_in.eq(true), users::updated_at.eq(now))).execute(conn)?;
    } else {
        diesel::update(target)
            .set((
                users::password_sign_in.eq(false),
                users::password_hash.eq(None::<String>),
                users::password_changed_at.eq(None::<i64>),
                users::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}
