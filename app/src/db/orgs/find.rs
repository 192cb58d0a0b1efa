//! Looking up one organization, and the names of related ones.

use std::collections::HashMap;

use diesel::prelude::*;

use super::{model::oid_sort_key, Org};
use crate::{
    db::{
        schema::{org_renames, organizations},
        AnyConnection,
    },
    directory::{OrgDetail, OrgKey, OrgRef, OrgSummary, RenameRecord},
    error::{AppError, AppResult},
    oid::Oid,
};

/// Names of the organizations with these OIDs, by OID. Renamed-away OIDs that never had a row
/// are named from their rename record.
pub fn find_refs(conn: &mut AnyConnection, oids: &[String]) -> QueryResult<HashMap<String, OrgRef>> {
    let mut refs = HashMap::new();
    for chunk in oids.chunks(500) {
        let rows: Vec<(Option<String>, String)> = organizations::table
            .filter(organizations::oid.eq_any(chunk))
            .select((organizations::oid, organizations::name))
            .load(conn)?;
        for (oid, name) in rows {
            if let Some(oid) = oid {
                refs.insert(oid.clone(), OrgRef { key: oid, name });
            }
        }
        let missing: Vec<&String> = chunk.iter().filter(|o| !refs.contains_key(*o)).collect();
        if !missing.is_empty() {
            let named: Vec<(String, String)> = org_renames::table
                .filter(org_renames::new_oid.eq_any(missing))
                .select((org_renames::new_oid, org_renames::new_name))
                .load(conn)?;
            for (oid, name) in named {
                refs.entry(oid.clone()).or_insert(OrgRef { key: oid, name });
            }
        }
    }
    Ok(refs)
}

/// Turns rows into summaries with their parent chains and successors, in two queries.
pub(super) fn summarize(conn: &mut AnyConnection, rows: &[Org]) -> QueryResult<Vec<OrgSummary>> {
    let mut wanted: Vec<String> = Vec::new();
    for row in rows {
        if let Some(oid) = row.oid.as_deref().and_then(|o| Oid::parse(o).ok()) {
            wanted.extend(oid.ancestors().into_iter().map(String::from));
        }
        wanted.extend(row.successor_oid.clone());
    }
    wanted.sort();
    wanted.dedup();
    let refs = find_refs(conn, &wanted)?;
    Ok(rows
        .iter()
        .map(|row| {
            let mut s = row.summary();
            if let Some(oid) = row.oid.as_deref().and_then(|o| Oid::parse(o).ok()) {
                s.parents = oid.ancestors().iter().filter_map(|a| refs.get(a.as_str()).cloned()).collect();
            }
            s.successor = row.successor_oid.as_ref().map(|succ| {
                refs.get(succ).cloned().unwrap_or_else(|| OrgRef { key: succ.clone(), name: succ.clone() })
            });
            s
        })
        .collect())
}

fn find_row(conn: &mut AnyConnection, key: &OrgKey) -> AppResult<Org> {
    let query = organizations::table.select(Org::as_select()).into_boxed();
    let query = match key {
        OrgKey::Oid(text) => {
            let oid = Oid::parse(text).map_err(|e| AppError::invalid("oid", e.text()))?;
            query.filter(organizations::oid.eq(oid.as_str().to_string()))
        }
        OrgKey::SchoolCode(code) => query.filter(organizations::school_code.eq(code.to_uppercase())),
    };
    query.first(conn).optional()?.ok_or(AppError::NotFound)
}

pub fn find_summary(conn: &mut AnyConnection, key: &OrgKey) -> AppResult<OrgSummary> {
    let row = find_row(conn, key)?;
    Ok(summarize(conn, std::slice::from_ref(&row))?.remove(0))
}

pub fn find_detail(conn: &mut AnyConnection, key: &OrgKey) -> AppResult<OrgDetail> {
    let row = find_row(conn, key)?;
    let summary = summarize(conn, std::slice::from_ref(&row))?.remove(0);
    let (children, renames) = match row.oid.as_deref() {
        Some(oid) => {
            let mut children: Vec<Org> =
                organizations::table.filter(organizations::parent_oid.eq(oid)).select(Org::as_select()).load(conn)?;
            children.sort_by_key(|c| c.oid.as_deref().map(oid_sort_key));
            let renames: Vec<(String, String, String, String, Option<String>)> = org_renames::table
                .filter(org_renames::old_oid.eq(oid).or(org_renames::new_oid.eq(oid)))
                .select((
                    org_renames::old_oid,
                    org_renames::new_oid,
                    org_renames::old_name,
                    org_renames::new_name,
                    org_renames::change_date,
                ))
                .order(org_renames::id)
                .load(conn)?;
            let renames = renames
                .into_iter()
                .map(|(old_oid, new_oid, old_name, new_name, change_date)| RenameRecord {
                    old_oid,
                    new_oid,
                    old_name,
                    new_name,
                    change_date,
                })
                .collect();
            (children.iter().map(Org::to_ref).collect(), renames)
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(OrgDetail {
        summary,
        agency_code: row.agency_code,
        address: row.address,
        phone: row.phone,
        dn: row.dn,
        website: row.website,
        children,
        renames,
    })
}

/// The row id and name of one organization (to attach accounts to it).
pub fn find_id(conn: &mut AnyConnection, key: &OrgKey) -> AppResult<(i64, String)> {
    find_row(conn, key).map(|row| (row.id, row.name))
}

/// The OID an organization was renamed to, if it was.
pub fn successor_oid(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<String>> {
    organizations::table.find(id).select(organizations::successor_oid).first(conn)
}
