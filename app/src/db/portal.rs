//! Announcements and the subsystems a user may open.

use diesel::prelude::*;

use super::{
    schema::{announcements as n, grants as g, subsystems as s},
    AnyConnection,
};
use crate::{
    accounts::{Actor, Announcement, SubsystemEntry},
    i18n::Locale,
    permissions::SubsystemReach,
};

/// One page of announcements, newest first, with the page shown (the last one when `page` is
/// past it) and the number of pages. Guests see guest
/// announcements only.
pub fn announcements(
    conn: &mut AnyConnection,
    member: bool,
    page: usize,
    per_page: usize,
    now: i64,
) -> QueryResult<(Vec<Announcement>, usize, usize)> {
    // Members see both audiences; guests only guest announcements.
    let second = if member { "member" } else { "guest" };
    let visible = n::published_at.le(now).and(n::audience.eq("guest").or(n::audience.eq(second)));
    let total: i64 = n::table.filter(visible).count().get_result(conn)?;
    let pages = usize::try_from(total).unwrap_or(0).div_ceil(per_page.max(1)).max(1);
    // A page past the last (a hand-typed `?page=`) shows the last: nothing from the request
    // reaches the arithmetic unbounded.
    let page = page.clamp(1, pages);
    let rows: Vec<(i64, String, String, String, i64)> = n::table
        .filter(visible)
        .order((n::published_at.desc(), n::id.desc()))
        .offset(((page - 1) * per_page) as i64)
        .limit(per_page as i64)
        .select((n::id, n::audience, n::title, n::body, n::published_at))
        .load(conn)?;
    let list = rows
        .into_iter()
        .map(|(id, audience, title, body, published_at)| Announcement {
            id,
            members_only: audience == "member",
            title,
            body,
            published_at,
        })
        .collect();
    Ok((list, page, pages))
}

pub fn insert_announcement(
    conn: &mut AnyConnection,
    members_only: bool,
    title: &str,
    body: &str,
    by: Option<i64>,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(n::table)
        .values((
            n::audience.eq(if members_only { "member" } else { "guest" }),
            n::title.eq(title),
            n::body.eq(body),
            n::published_at.eq(now),
            n::created_by.eq(by),
            n::created_at.eq(now),
            n::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The active subsystems `user_id` opens, as far as `reach` goes (`permissions` decides it).
pub fn subsystems_for(
    conn: &mut AnyConnection,
    user_id: i64,
    reach: SubsystemReach,
    locale: Locale,
) -> QueryResult<Vec<SubsystemEntry>> {
    type Row = (String, String, String, String, String, String);
    let columns = (s::code, s::name_zh, s::name_en, s::description_zh, s::description_en, s::path);
    let rows: Vec<Row> = if reach == SubsystemReach::Every {
        s::table.filter(s::active.eq(true)).order(s::sort_order).select(columns).load(conn)?
    } else {
        s::table
            .inner_join(g::table)
            .filter(g::user_id.eq(user_id))
            .filter(s::active.eq(true))
            .order(s::sort_order)
            .select(columns)
            .load(conn)?
    };
    Ok(rows.into_iter().map(|row| entry(row, locale)).collect())
}

/// Every active subsystem (what an application may ask for).
pub fn active_subsystems(conn: &mut AnyConnection, locale: Locale) -> QueryResult<Vec<SubsystemEntry>> {
    let rows: Vec<(String, String, String, String, String, String)> = s::table
        .filter(s::active.eq(true))
        .order(s::sort_order)
        .select((s::code, s::name_zh, s::name_en, s::description_zh, s::description_en, s::path))
        .load(conn)?;
    Ok(rows.into_iter().map(|row| entry(row, locale)).collect())
}

fn entry(
    (code, name_zh, name_en, desc_zh, desc_en, path): (String, String, String, String, String, String),
    locale: Locale,
) -> SubsystemEntry {
    let (name, description) = match locale {
        Locale::ZhTw => (name_zh, desc_zh),
        Locale::En => (name_en, desc_en),
    };
    SubsystemEntry { code, name, description, path }
}

/// Grants `code` to `user_id` (idempotent).
pub fn grant(conn: &mut AnyConnection, user_id: i64, code: &str, by: Option<i64>, now: i64) -> QueryResult<()> {
    let subsystem: i64 = s::table.filter(s::code.eq(code)).select(s::id).first(conn)?;
    let functions = crate::accounts::Subsystem::of(code).map_or("", |s| s.new_grant_functions());
    let insert = diesel::insert_into(g::table)
        .values((
            g::user_id.eq(user_id),
            g::subsystem_id.eq(subsystem),
            g::granted_by.eq(by),
            g::granted_at.eq(now),
            g::functions.eq(functions),
        ))
        .on_conflict_do_nothing();
    crate::per_backend!(conn, c => insert.execute(c))?;
    Ok(())
}

/// Takes the grant of `code` from `user_id` (idempotent).
pub fn revoke(conn: &mut AnyConnection, user_id: i64, code: &str) -> QueryResult<()> {
    let subsystem: i64 = s::table.filter(s::code.eq(code)).select(s::id).first(conn)?;
    diesel::delete(g::table.find((user_id, subsystem))).execute(conn)?;
    // Signed out of the subsystem too: its tokens end and it is told.
    super::oidc::end_grants(conn, user_id, Some(subsystem), super::now())?;
    Ok(())
}

/// The codes of the subsystems `user_id` was granted.
pub fn grant_codes(conn: &mut AnyConnection, user_id: i64) -> QueryResult<Vec<String>> {
    g::table
        .inner_join(s::table.on(s::id.eq(g::subsystem_id)))
        .filter(g::user_id.eq(user_id))
        .select(s::code)
        .load(conn)
}

/// The subsystems `user_id` was granted, each with the functions its grant includes (their
/// stored list: codes, comma-separated).
pub fn grants_with_functions(conn: &mut AnyConnection, user_id: i64) -> QueryResult<Vec<(String, String)>> {
    g::table
        .inner_join(s::table.on(s::id.eq(g::subsystem_id)))
        .filter(g::user_id.eq(user_id))
        .select((s::code, g::functions))
        .load(conn)
}

/// The account `user` as the permission rules see it: its role, organization and grants.
pub fn actor(conn: &mut AnyConnection, user: &super::users::User) -> QueryResult<Actor> {
    Ok(Actor::new(user.role, user.org_id, &grants_with_functions(conn, user.id)?))
}

/// Sets the functions the grant of `code` to `user_id` includes; `false` when there is no
/// such grant.
pub fn set_functions(conn: &mut AnyConnection, user_id: i64, code: &str, functions: &str) -> QueryResult<bool> {
    let subsystem: i64 = s::table.filter(s::code.eq(code)).select(s::id).first(conn)?;
    let n = diesel::update(g::table.find((user_id, subsystem))).set(g::functions.eq(functions)).execute(conn)?;
    Ok(n == 1)
}

/// Whether `user_id` holds the grant of the subsystem `code`.
pub fn has_grant(conn: &mut AnyConnection, user_id: i64, code: &str) -> QueryResult<bool> {
    use diesel::dsl::{exists, select};
    select(exists(
        g::table
            .inner_join(s::table.on(s::id.eq(g::subsystem_id)))
            .filter(g::user_id.eq(user_id))
            .filter(s::code.eq(code)),
    ))
    .get_result(conn)
}
