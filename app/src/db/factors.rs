//! Bound second factors.

use diesel::prelude::*;

use super::{now, schema::second_factors, AnyConnection};
use crate::accounts::FactorKind;

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = second_factors)]
pub struct Factor {
    pub id: i64,
    pub user_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: FactorKind,
    pub label: String,
    pub secret: Option<String>,
    pub last_step: Option<i64>,
    pub credential: Option<String>,
    pub external_id: Option<String>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

pub fn for_user(conn: &mut AnyConnection, user_id: i64) -> QueryResult<Vec<Factor>> {
    second_factors::table
        .filter(second_factors::user_id.eq(user_id))
        .order(second_factors::id)
        .select(Factor::as_select())
        .load(conn)
}

/// Binds an authenticator app; `step` is the step of the code that confirmed it, so that
/// code cannot also sign in.
/// Binds an authenticator: `sealed` is its secret as `Keys::seal` stored it.
pub fn insert_totp(conn: &mut AnyConnection, user_id: i64, sealed: &str, step: i64) -> QueryResult<()> {
    let now = now();
    // One authenticator per account: binding again replaces the old one (重新綁定).
    diesel::delete(
        second_factors::table.filter(second_factors::user_id.eq(user_id)).filter(second_factors::kind.eq("totp")),
    )
    .execute(conn)?;
    diesel::insert_into(second_factors::table)
        .values((
            second_factors::user_id.eq(user_id),
            second_factors::kind.eq(FactorKind::Totp.as_str()),
            second_factors::secret.eq(sealed),
            second_factors::last_step.eq(step),
            second_factors::created_at.eq(now),
            second_factors::last_used_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Accepts `step` for factor `id` only if it is newer than the last accepted one. One
/// conditional UPDATE: of two requests with the same code, exactly one changes the row.
pub fn accept_step(conn: &mut AnyConnection, id: i64, step: i64) -> QueryResult<bool> {
    let n = diesel::update(
        second_factors::table
            .find(id)
            .filter(second_factors::last_step.is_null().or(second_factors::last_step.lt(step))),
    )
    .set((second_factors::last_step.eq(step), second_factors::last_used_at.eq(now())))
    .execute(conn)?;
    Ok(n == 1)
}

/// Binds a method known by an id from outside: a security key or passkey (`credential` is the
/// key as the relying party keeps it, its public key and signature counter; `external_id` its
/// credential id), or an OpenID Connect provider's account (issuer and subject). The id is
/// unique across every account: `false` when it is already bound (to anyone).
pub fn insert_external(
    conn: &mut AnyConnection,
    user_id: i64,
    kind: FactorKind,
    label: &str,
    credential: Option<&str>,
    external_id: &str,
) -> QueryResult<bool> {
    let taken: i64 =
        second_factors::table.filter(second_factors::external_id.eq(external_id)).count().get_result(conn)?;
    if taken > 0 {
        return Ok(false);
    }
    diesel::insert_into(second_factors::table)
        .values((
            second_factors::user_id.eq(user_id),
            second_factors::kind.eq(kind.as_str()),
            second_factors::label.eq(label),
            second_factors::credential.eq(credential),
            second_factors::external_id.eq(external_id),
            second_factors::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(true)
}

/// The method bound under `external_id`, whoever holds it; its last use is now.
pub fn find_external(conn: &mut AnyConnection, external_id: &str) -> QueryResult<Option<Factor>> {
    let found: Option<Factor> = second_factors::table
        .filter(second_factors::external_id.eq(external_id))
        .select(Factor::as_select())
        .first(conn)
        .optional()?;
    if let Some(f) = &found {
        diesel::update(second_factors::table.find(f.id)).set(second_factors::last_used_at.eq(now())).execute(conn)?;
    }
    Ok(found)
}

/// Stores a key's credential after a sign-in moved its counter, only if nobody changed it
/// since `before` was read: of two sign-ins with the same key at once, one moves it.
pub fn advance_key(conn: &mut AnyConnection, id: i64, before: &str, after: &str) -> QueryResult<bool> {
    let n = diesel::update(second_factors::table.find(id).filter(second_factors::credential.eq(before)))
        .set((second_factors::credential.eq(after), second_factors::last_used_at.eq(now())))
        .execute(conn)?;
    Ok(n == 1)
}

/// Whether `user_id` has a security key or passkey bound.
pub fn has_key(conn: &mut AnyConnection, user_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        second_factors::table
            .filter(second_factors::user_id.eq(user_id))
            .filter(second_factors::kind.eq(FactorKind::SecurityKey.as_str())),
    ))
    .get_result(conn)
}

/// Removes one security key or linked account of `user_id` (never the authenticator, which
/// is rebound instead); `false` when it is not theirs or not there.
pub fn delete_external(conn: &mut AnyConnection, user_id: i64, id: i64) -> QueryResult<bool> {
    let n = diesel::delete(
        second_factors::table
            .find(id)
            .filter(second_factors::user_id.eq(user_id))
            .filter(second_factors::kind.ne(FactorKind::Totp.as_str())),
    )
    .execute(conn)?;
    Ok(n == 1)
}

pub fn delete_all(conn: &mut AnyConnection, user_id: i64) -> QueryResult<usize> {
    diesel::delete(second_factors::table.filter(second_factors::user_id.eq(user_id))).execute(conn)
}

/// Authenticator secrets stored before they were sealed: id, account and secret.
pub fn unsealed_totp(conn: &mut AnyConnection) -> QueryResult<Vec<(i64, i64, String)>> {
    let rows: Vec<(i64, i64, Option<String>)> = second_factors::table
        .filter(second_factors::kind.eq(FactorKind::Totp.as_str()))
        .filter(second_factors::secret.not_like("v1:%"))
        .select((second_factors::id, second_factors::user_id, second_factors::secret))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, user, secret)| Some((id, user, secret?))).collect())
}

pub fn set_secret(conn: &mut AnyConnection, id: i64, sealed: &str) -> QueryResult<()> {
    diesel::update(second_factors::table.find(id)).set(second_factors::secret.eq(sealed)).execute(conn)?;
    Ok(())
}
