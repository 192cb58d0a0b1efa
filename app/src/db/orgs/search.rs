//! The search box: a whole or partial OID, a school code, or parts of a name. The server
//! answers from the in-memory index (`index`); the same search in SQL stays as the reference
//! the tests hold the index to.

use diesel::prelude::*;

use super::{
    find::summarize,
    index::{DirectoryCache, NAME_CANDIDATES},
    length,
    model::oid_sort_key,
    Org,
};
use crate::{
    db::{like_escape, schema::organizations, AnyConnection},
    directory::{normalize, OrgSummary, SearchKind, SearchQuery, MAX_LIMIT},
};

/// How well a row matches: lower is better.
pub(super) fn rank(row: &Org, q: &SearchQuery) -> u8 {
    let code = row.school_code.as_deref().map(str::to_lowercase);
    let name = normalize(&row.name);
    let superseded = u8::from(row.successor_oid.is_some());
    let base = if row.oid.as_deref() == Some(q.text.as_str()) || code.as_deref() == Some(q.text.as_str()) {
        0
    } else if name == q.text {
        1
    } else if row.oid.as_deref().is_some_and(|o| o.starts_with(&q.text))
        || code.as_deref().is_some_and(|c| c.starts_with(&q.text))
        || name.starts_with(&q.text)
    {
        2
    } else {
        3
    };
    base * 2 + superseded
}

/// The organizations matching `q`, best first, at most `limit`, from the server's index.
pub fn search(
    conn: &mut AnyConnection,
    cache: &DirectoryCache,
    q: &SearchQuery,
    limit: usize,
) -> QueryResult<Vec<OrgSummary>> {
    Ok(cache.current(conn)?.search(q, limit))
}

/// The same search run by the database.
pub fn search_in_database(conn: &mut AnyConnection, q: &SearchQuery, limit: usize) -> QueryResult<Vec<OrgSummary>> {
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let limit = limit.clamp(1, MAX_LIMIT);
    let prefix = format!("{}%", like_escape(&q.text));
    let mut rows: Vec<Org> = match q.kind {
        SearchKind::Oid => organizations::table
            .filter(organizations::oid.like(&prefix).escape('\\'))
            .order((length(organizations::oid.assume_not_null()), organizations::oid))
            .limit(limit as i64)
            .select(Org::as_select())
            .load(conn)?,
        SearchKind::Code | SearchKind::Name => {
            let mut query = organizations::table.select(Org::as_select()).into_boxed();
            let mut words = q.text.split(' ');
            let first = format!("%{}%", like_escape(words.next().unwrap_or_default()));
            let name_match = organizations::search_name.like(first).escape('\\');
            query = if q.kind == SearchKind::Code {
                let code_prefix = format!("{}%", like_escape(&q.text.to_uppercase()));
                query.filter(name_match.or(organizations::school_code.like(code_prefix).escape('\\')))
            } else {
                query.filter(name_match)
            };
            for word in words {
                query = query.filter(organizations::search_name.like(format!("%{}%", like_escape(word))).escape('\\'));
            }
            query
                .order((length(organizations::search_name), organizations::id))
                .limit(NAME_CANDIDATES as i64)
                .load(conn)?
        }
    };
    rows.sort_by_cached_key(|r| (rank(r, q), r.name.chars().count(), r.oid.as_deref().map(oid_sort_key)));
    rows.truncate(limit);
    summarize(conn, &rows)
}
