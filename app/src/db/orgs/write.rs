//! Writes used by imports and the demo set. Callers wrap them in one transaction.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::{
    model::{NewOrg, OrgFields},
    Org,
};
use crate::{
    db::{
        now,
        schema::{org_renames, organizations},
        AnyConnection,
    },
    directory::search_text,
    oid::Oid,
};

pub fn all_orgs(conn: &mut AnyConnection) -> QueryResult<Vec<Org>> {
    organizations::table.select(Org::as_select()).load(conn)
}

/// Inserts new organizations, `successor` giving the OID each was renamed to, if any.
pub fn insert_orgs(conn: &mut AnyConnection, rows: &[(OrgFields, Option<String>)]) -> QueryResult<usize> {
    let now = now();
    let mut inserted = 0;
    // Small batches keep every statement under SQLite's and PostgreSQL's bind limits.
    for chunk in rows.chunks(200) {
        let values: Vec<NewOrg> = chunk.iter().map(|(f, succ)| NewOrg::from_fields(f, succ.as_deref(), now)).collect();
        let insert = diesel::insert_into(organizations::table).values(values);
        inserted += crate::per_backend!(conn, c => insert.execute(c))?;
    }
    Ok(inserted)
}

/// Overwrites the imported fields of row `id`; `None` leaves the successor alone.
pub fn update_org(conn: &mut AnyConnection, id: i64, f: &OrgFields, successor: Option<&str>) -> QueryResult<()> {
    diesel::update(organizations::table.find(id))
        .set((
            organizations::oid.eq(f.oid.as_deref()),
            organizations::name.eq(&f.name),
            organizations::search_name.eq(search_text(&f.name, f.county.as_deref())),
            organizations::kind.eq(f.kind.map(|k| k.as_str()).unwrap_or("agency")),
            organizations::school_code.eq(f.school_code.as_deref()),
            organizations::agency_code.eq(f.agency_code.as_deref()),
            organizations::county.eq(f.county.as_deref()),
            organizations::address.eq(f.address.as_deref()),
            organizations::phone.eq(f.phone.as_deref()),
            organizations::dn.eq(f.dn.as_deref()),
            organizations::website.eq(f.website.as_deref()),
            organizations::updated_at.eq(now()),
        ))
        .execute(conn)?;
    if let Some(succ) = successor {
        diesel::update(organizations::table.find(id)).set(organizations::successor_oid.eq(succ)).execute(conn)?;
    }
    Ok(())
}

pub fn rename_exists(conn: &mut AnyConnection, old_oid: &str, new_oid: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        org_renames::table.filter(org_renames::old_oid.eq(old_oid)).filter(org_renames::new_oid.eq(new_oid)),
    ))
    .get_result(conn)
}

pub fn insert_rename(
    conn: &mut AnyConnection,
    old: (&str, &str),
    new: (&str, &str),
    change_date: Option<&str>,
    reference: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(org_renames::table)
        .values((
            org_renames::old_oid.eq(old.0),
            org_renames::old_name.eq(old.1),
            org_renames::new_oid.eq(new.0),
            org_renames::new_name.eq(new.1),
            org_renames::change_date.eq(change_date),
            org_renames::reference.eq(reference),
            org_renames::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets every organization's parent to its longest OID prefix that is in the directory.
/// Returns how many parents changed. Run after any insert, since a new row can become the
/// parent of rows that were already there.
pub fn relink_parents(conn: &mut AnyConnection) -> QueryResult<usize> {
    let rows: Vec<(i64, Option<String>, Option<String>)> =
        organizations::table.select((organizations::id, organizations::oid, organizations::parent_oid)).load(conn)?;
    let known: HashSet<&str> = rows.iter().filter_map(|(_, o, _)| o.as_deref()).collect();
    let mut changes: HashMap<Option<String>, Vec<i64>> = HashMap::new();
    for (id, oid, parent) in &rows {
        let Some(oid) = oid.as_deref().and_then(|o| Oid::parse(o).ok()) else {
            continue;
        };
        let wanted = oid.ancestors().into_iter().rev().find(|a| known.contains(a.as_str())).map(String::from);
        if &wanted != parent {
            changes.entry(wanted).or_default().push(*id);
        }
    }
    let mut changed = 0;
    for (parent, ids) in changes {
        for chunk in ids.chunks(500) {
            changed += diesel::update(organizations::table.filter(organizations::id.eq_any(chunk)))
                .set(organizations::parent_oid.eq(parent.as_deref()))
                .execute(conn)?;
        }
    }
    Ok(changed)
}
