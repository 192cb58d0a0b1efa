//! The directory in memory for the search box: some 10,840 organizations are a few megabytes,
//! and a scan of their names takes well under a millisecond, where the database's `LIKE '%…%'`
//! over the same rows took tens (issue 14). The index answers exactly as `search_in_database`
//! does (tests compare the two on the national directory); it is rebuilt whenever the
//! directory's version, which database triggers raise on every change to `organizations` or
//! `org_renames`, differs from the one it was built at, so an import by the command line or
//! another server is seen at the next search.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use diesel::prelude::*;

use super::{model::oid_sort_key, search::rank, Org};
use crate::{
    db::{
        schema::{directory_version, org_renames, organizations},
        AnyConnection,
    },
    directory::{OrgRef, OrgSummary, SearchKind, SearchQuery, MAX_LIMIT},
    oid::Oid,
};

/// How many name matches are ranked before the best `limit` are kept, as the database search
/// does: rows come shortest name first, so exact and prefix matches are always among them.
pub(super) const NAME_CANDIDATES: usize = 300;

/// Keeps the `n` smallest of `items` by `key`, in order. Only those are sorted: a query that
/// matches most of the directory costs one pass over its matches, not a sort of them all.
fn keep_smallest<T, K: Ord>(items: &mut Vec<T>, n: usize, mut key: impl FnMut(&T) -> K) {
    if n == 0 {
        items.clear();
        return;
    }
    if items.len() > n {
        items.select_nth_unstable_by_key(n - 1, &mut key);
        items.truncate(n);
    }
    items.sort_unstable_by_key(key);
}

pub struct DirectoryIndex {
    version: i64,
    /// Every organization, with its name's length in characters (the candidates' order).
    rows: Vec<(Org, usize)>,
    /// OIDs to names: the organizations', then renamed-away OIDs' new names.
    names: HashMap<String, String>,
}

impl DirectoryIndex {
    fn load(conn: &mut AnyConnection, version: i64) -> QueryResult<DirectoryIndex> {
        let rows: Vec<Org> = organizations::table.select(Org::as_select()).order(organizations::id).load(conn)?;
        let mut names: HashMap<String, String> = HashMap::with_capacity(rows.len());
        let renamed: Vec<(String, String)> = org_renames::table
            .select((org_renames::new_oid, org_renames::new_name))
            .order(org_renames::id)
            .load(conn)?;
        // An organization's own row names it; a rename record only names an OID without one
        // (the first record for it, as the database search takes whichever it meets).
        for (oid, name) in renamed {
            names.entry(oid).or_insert(name);
        }
        for row in &rows {
            if let Some(oid) = &row.oid {
                names.insert(oid.clone(), row.name.clone());
            }
        }
        let rows = rows
            .into_iter()
            .map(|r| {
                let len = r.search_name.chars().count();
                (r, len)
            })
            .collect();
        Ok(DirectoryIndex { version, rows, names })
    }

    /// The organizations matching `q`, best first, at most `limit`.
    pub fn search(&self, q: &SearchQuery, limit: usize) -> Vec<OrgSummary> {
        if q.is_empty() {
            return Vec::new();
        }
        let limit = limit.clamp(1, MAX_LIMIT);
        let mut found: Vec<&Org> = match q.kind {
            SearchKind::Oid => {
                // Shortest OID first, each OID's length counted once rather than at every
                // comparison (that sort was most of the lookup's p99 with the national
                // directory, where "2.16.886" matches every OID).
                let mut hits: Vec<(usize, &str, &Org)> = self
                    .rows
                    .iter()
                    .filter_map(|(r, _)| {
                        let oid = r.oid.as_deref().filter(|o| o.starts_with(&q.text))?;
                        Some((oid.chars().count(), oid, r))
                    })
                    .collect();
                keep_smallest(&mut hits, limit, |&(length, oid, _)| (length, oid));
                hits.into_iter().map(|(_, _, r)| r).collect()
            }
            SearchKind::Code | SearchKind::Name => {
                let words: Vec<&str> = q.text.split(' ').collect();
                let code_prefix = (q.kind == SearchKind::Code).then(|| q.text.to_uppercase());
                let mut hits: Vec<&(Org, usize)> = self
                    .rows
                    .iter()
                    .filter(|(r, _)| {
                        let first = r.search_name.contains(words[0])
                            || code_prefix
                                .as_deref()
                                .is_some_and(|p| r.school_code.as_deref().is_some_and(|c| c.starts_with(p)));
                        first && words[1..].iter().all(|w| r.search_name.contains(w))
                    })
                    .collect();
                // The shortest names, as the database search takes them.
                keep_smallest(&mut hits, NAME_CANDIDATES, |(r, len)| (*len, r.id));
                hits.into_iter().map(|(r, _)| r).collect()
            }
        };
        found.sort_by_cached_key(|r| (rank(r, q), r.name.chars().count(), r.oid.as_deref().map(oid_sort_key)));
        found.truncate(limit);
        found.into_iter().map(|r| self.summary(r)).collect()
    }

    /// A row's summary with its parent chain and successor, named from the index.
    fn summary(&self, row: &Org) -> OrgSummary {
        let named = |oid: &str| self.names.get(oid).map(|name| OrgRef { key: oid.to_string(), name: name.clone() });
        let mut s = row.summary();
        if let Some(oid) = row.oid.as_deref().and_then(|o| Oid::parse(o).ok()) {
            s.parents = oid.ancestors().iter().filter_map(|a| named(a.as_str())).collect();
        }
        s.successor = row
            .successor_oid
            .as_ref()
            .map(|succ| named(succ).unwrap_or_else(|| OrgRef { key: succ.clone(), name: succ.clone() }));
        s
    }
}

/// The server's one index, behind its version check. Cloned cheaply into each request.
#[derive(Clone, Default)]
pub struct DirectoryCache {
    current: Arc<RwLock<Option<Arc<DirectoryIndex>>>>,
}

impl DirectoryCache {
    /// The index as of the directory's version now, rebuilt first when the directory changed
    /// since it was built. The version is read before the rows, so the rows are never older
    /// than the version they are kept under (at worst the next search builds once more).
    pub fn current(&self, conn: &mut AnyConnection) -> QueryResult<Arc<DirectoryIndex>> {
        let version: i64 = directory_version::table.select(directory_version::version).first(conn)?;
        let held = self.current.read().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some(index) = held.filter(|i| i.version == version) {
            return Ok(index);
        }
        let built = Arc::new(DirectoryIndex::load(conn, version)?);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(built.clone());
        Ok(built)
    }
}
