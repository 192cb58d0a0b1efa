//! Browsing the OID tree level by level.
//!
//! The official list has no rows for many intermediate arcs (a county's arc, say), so a level
//! shows real organizations and grouping arcs side by side. A grouping arc is labelled from
//! the DN of an organization under it: DN parts, read from the right after `c=TW`, name the
//! arcs after `2.16.886.101` one by one (`o=縣政府,l=新竹縣,c=TW` ↔ `…101.90005.20002`).

use std::collections::{BTreeMap, HashMap};

use diesel::prelude::*;

use super::{length, model::oid_sort_key, Org};
use crate::{
    db::{like_escape, schema::organizations, AnyConnection},
    directory::{Crumb, TreeLevel, TreeNode},
    error::{AppError, AppResult},
    oid::Oid,
};

/// The arc under which DN parts start naming arcs.
const GOVERNMENT_ARC: &str = "2.16.886.101";

/// The name of the arc at `depth` (arcs counted from 1) according to `dn`, if it says.
fn dn_label(dn: &str, depth: usize) -> Option<String> {
    let base = GOVERNMENT_ARC.split('.').count();
    let index = depth.checked_sub(base + 1)?;
    dn.split(',')
        .rev()
        .filter(|part| !part.trim().eq_ignore_ascii_case("c=TW"))
        .nth(index)
        .and_then(|part| part.split_once('='))
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The organizations that sit directly at `at`'s level or are reached through grouping arcs:
/// those below `at` whose nearest existing ancestor is `at` itself or above it.
fn rows_below(conn: &mut AnyConnection, at: &Oid) -> QueryResult<Vec<Org>> {
    let depth_len = at.as_str().chars().count() as i32;
    organizations::table
        .filter(organizations::oid.like(format!("{}.%", like_escape(at.as_str()))).escape('\\'))
        .filter(
            organizations::parent_oid.is_null().or(length(organizations::parent_oid.assume_not_null()).le(depth_len)),
        )
        .select(Org::as_select())
        .load(conn)
}

/// Groups `rows` into the nodes one arc below `at`.
fn nodes_at(conn: &mut AnyConnection, at: &Oid, rows: &[Org]) -> QueryResult<Vec<TreeNode>> {
    let mut nodes: BTreeMap<Vec<u128>, TreeNode> = BTreeMap::new();
    let mut real: Vec<String> = Vec::new();
    for row in rows {
        let Some(oid) = row.oid.as_deref().and_then(|o| Oid::parse(o).ok()) else {
            continue;
        };
        let Some(child) = oid.child_toward(at) else {
            continue;
        };
        let entry = nodes.entry(oid_sort_key(child.as_str())).or_insert_with(|| TreeNode {
            oid: child.to_string(),
            label: String::new(),
            is_org: false,
            child_count: 0,
        });
        if oid == child {
            entry.label = row.name.clone();
            entry.is_org = true;
            real.push(child.to_string());
        } else {
            entry.child_count += 1;
            if entry.label.is_empty() {
                entry.label = row.dn.as_deref().and_then(|dn| dn_label(dn, child.depth())).unwrap_or_default();
            }
        }
    }
    let counts = child_counts(conn, &real)?;
    for node in nodes.values_mut() {
        if node.is_org {
            node.child_count = counts.get(&node.oid).copied().unwrap_or(0);
        } else if node.label.is_empty() {
            node.label = node.oid.rsplit('.').next().unwrap_or_default().to_string();
        }
    }
    Ok(nodes.into_values().collect())
}

/// How many organizations name each of `parents` as their parent.
fn child_counts(conn: &mut AnyConnection, parents: &[String]) -> QueryResult<HashMap<String, usize>> {
    let mut counts = HashMap::new();
    for chunk in parents.chunks(500) {
        let rows: Vec<(Option<String>, i64)> = organizations::table
            .filter(organizations::parent_oid.eq_any(chunk))
            .group_by(organizations::parent_oid)
            .select((organizations::parent_oid, diesel::dsl::count_star()))
            .load(conn)?;
        counts.extend(rows.into_iter().filter_map(|(p, n)| p.map(|p| (p, n as usize))));
    }
    Ok(counts)
}

/// The top of the tree: the deepest arc that all organizations share.
fn top(conn: &mut AnyConnection) -> QueryResult<Option<Oid>> {
    let roots: Vec<Option<String>> = organizations::table
        .filter(organizations::parent_oid.is_null())
        .filter(organizations::oid.is_not_null())
        .select(organizations::oid)
        .load(conn)?;
    let mut common: Option<Vec<String>> = None;
    for oid in roots.into_iter().flatten() {
        let arcs: Vec<String> = oid.split('.').map(str::to_string).collect();
        common = Some(match common {
            None => arcs[..arcs.len().saturating_sub(1)].to_vec(),
            Some(c) => c.iter().zip(&arcs).take_while(|(a, b)| a == b).map(|(a, _)| a.clone()).collect(),
        });
    }
    Ok(common.filter(|c| !c.is_empty()).and_then(|c| Oid::parse(&c.join(".")).ok()))
}

/// One level of the tree: `at`'s children, with the breadcrumb trail down to `at`.
/// Without `at`, the level below the deepest arc that every organization shares.
pub fn tree_level(conn: &mut AnyConnection, at: Option<&str>) -> AppResult<TreeLevel> {
    let top = top(conn)?;
    let at = match at.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => Oid::parse(text).map_err(|e| AppError::invalid("at", e.text()))?,
        None => match top.clone() {
            Some(t) => t,
            None => return Ok(TreeLevel { at: None, at_is_org: false, crumbs: Vec::new(), nodes: Vec::new() }),
        },
    };
    let rows = rows_below(conn, &at)?;
    let nodes = nodes_at(conn, &at, &rows)?;

    // Crumbs below the top down to `at`: real organizations by name, grouping arcs by the
    // label a DN gives them (`at`'s own DN names all its ancestors; else one from below).
    let mut path: Vec<Oid> = at.ancestors();
    path.push(at.clone());
    if let Some(t) = &top {
        path.retain(|p| p.is_below(t));
    }
    let names = super::find_refs(conn, &path.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
    let own_dn: Option<String> = organizations::table
        .filter(organizations::oid.eq(at.as_str()))
        .select(organizations::dn)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten();
    let sample_dn = own_dn.or_else(|| rows.iter().find_map(|r| r.dn.clone()));
    let crumbs = path
        .iter()
        .map(|p| Crumb {
            oid: p.to_string(),
            label: names
                .get(p.as_str())
                .map(|r| r.name.clone())
                .or_else(|| sample_dn.as_deref().and_then(|dn| dn_label(dn, p.depth())))
                .unwrap_or_else(|| p.to_string()),
        })
        .collect();
    Ok(TreeLevel { at_is_org: names.contains_key(at.as_str()), at: Some(at.to_string()), crumbs, nodes })
}

#[cfg(test)]
mod tests {
    use super::dn_label;

    #[test]
    fn dn_parts_name_arcs_below_the_government_arc() {
        let dn = "o=鄉公所,l=三義鄉,l=苗栗縣,c=TW";
        assert_eq!(dn_label(dn, 5).as_deref(), Some("苗栗縣"));
        assert_eq!(dn_label(dn, 6).as_deref(), Some("三義鄉"));
        assert_eq!(dn_label(dn, 7).as_deref(), Some("鄉公所"));
        assert_eq!(dn_label(dn, 8), None);
        assert_eq!(dn_label(dn, 4), None);
    }
}
