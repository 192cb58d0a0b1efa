//! Organizations the central authority turned off (停用): none of their accounts signs in.

use diesel::prelude::*;

use super::Org;
use crate::db::{schema::organizations as o, AnyConnection};

/// Turns the organization off (`at`) or back on (`None`); `false` when it already was so.
pub fn set_disabled(conn: &mut AnyConnection, id: i64, at: Option<i64>) -> QueryResult<bool> {
    let target = o::table.find(id);
    let n = match at {
        Some(at) => diesel::update(target.filter(o::disabled_at.is_null())).set(o::disabled_at.eq(at)).execute(conn)?,
        None => diesel::update(target.filter(o::disabled_at.is_not_null()))
            .set(o::disabled_at.eq(None::<i64>))
            .execute(conn)?,
    };
    Ok(n == 1)
}

/// Every organization turned off, the latest first, with when.
pub fn disabled(conn: &mut AnyConnection) -> QueryResult<Vec<(Org, i64)>> {
    let rows: Vec<(Org, Option<i64>)> = o::table
        .filter(o::disabled_at.is_not_null())
        .order(o::disabled_at.desc())
        .select((Org::as_select(), o::disabled_at))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(org, at)| at.map(|at| (org, at))).collect())
}

/// Whether the organization is turned off.
pub fn is_disabled(conn: &mut AnyConnection, id: i64) -> QueryResult<bool> {
    let at: Option<Option<i64>> = o::table.find(id).select(o::disabled_at).first(conn).optional()?;
    Ok(at.flatten().is_some())
}
