//! Writing parsed rows: an idempotent upsert in one transaction. Running the same file twice
//! changes nothing the second time; a failure part-way leaves the directory as it was.

use std::collections::HashMap;

use app::{
    db::{
        contacts::{self, Upserted},
        now,
        orgs::{self, Org, OrgFields},
        write_transaction, AnyConnection, DbPool,
    },
    directory::OrgKind,
    error::AppError,
};

use super::{
    parse::{Parsed, Row},
    report::{ImportReport, RejectReason, Rejected},
};

enum Abort {
    /// A dry run got to the end: roll back, but keep the counts.
    DryRun(ImportReport),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for Abort {
    fn from(e: diesel::result::Error) -> Self {
        Abort::Db(e)
    }
}

pub async fn apply(pool: &DbPool, parsed: Parsed, dry_run: bool) -> Result<ImportReport, AppError> {
    pool.run(move |conn| {
        // A write transaction from its start: the rows are compared with what the directory
        // holds, then written, and on SQLite a plain transaction that read first failed at its
        // first write whenever the running server had written in between.
        let outcome = write_transaction(conn, |conn| {
            let report = write_rows(conn, &parsed, dry_run)?;
            if dry_run {
                Err(Abort::DryRun(report))
            } else {
                Ok(report)
            }
        });
        match outcome {
            Ok(report) | Err(Abort::DryRun(report)) => Ok(report),
            Err(Abort::Db(e)) => Err(e.into()),
        }
    })
    .await
}

fn write_rows(conn: &mut AnyConnection, parsed: &Parsed, dry_run: bool) -> Result<ImportReport, Abort> {
    let mut report = ImportReport {
        format: parsed.format,
        added: 0,
        updated: 0,
        unchanged: 0,
        rejected: parsed.rejected.clone(),
        placeholders: 0,
        dry_run,
    };
    let existing = orgs::all_orgs(conn)?;
    let by_oid: HashMap<&str, &Org> = existing.iter().filter_map(|o| o.oid.as_deref().map(|k| (k, o))).collect();
    let by_code: HashMap<&str, &Org> =
        existing.iter().filter_map(|o| o.school_code.as_deref().map(|k| (k, o))).collect();

    let mut inserts: Vec<(OrgFields, Option<String>)> = Vec::new();
    for row in &parsed.rows {
        match row {
            Row::Org { fields, .. } => {
                let found = match (&fields.oid, &fields.school_code) {
                    (Some(oid), _) => by_oid.get(oid.as_str()),
                    (None, Some(code)) => by_code.get(code.as_str()),
                    (None, None) => None,
                };
                match found {
                    None => {
                        inserts.push((fields.clone(), None));
                        report.added += 1;
                    }
                    Some(org) => {
                        let merged = overlay(org.fields(), fields);
                        if merged == org.fields() {
                            report.unchanged += 1;
                        } else {
                            orgs::update_org(conn, org.id, &merged, None)?;
                            report.updated += 1;
                        }
                    }
                }
            }
            // After the organizations, below: a contacts file names organizations already there.
            Row::Contact { .. } => {}
            Row::Rename { old_oid, new_oid, old_name, new_name, change_date, reference, .. } => {
                if orgs::rename_exists(conn, old_oid, new_oid)? {
                    report.unchanged += 1;
                    continue;
                }
                orgs::insert_rename(
                    conn,
                    (old_oid, old_name),
                    (new_oid, new_name),
                    change_date.as_deref(),
                    reference.as_deref(),
                )?;
                report.added += 1;
                if old_oid == new_oid {
                    continue; // renamed in place: the record is the whole story
                }
                match by_oid.get(old_oid.as_str()) {
                    Some(org) => orgs::update_org(conn, org.id, &org.fields(), Some(new_oid))?,
                    None if !inserts.iter().any(|(f, _)| f.oid.as_deref() == Some(old_oid)) => {
                        let placeholder = OrgFields {
                            oid: Some(old_oid.clone()),
                            name: old_name.clone(),
                            kind: Some(OrgKind::Agency),
                            ..OrgFields::default()
                        };
                        inserts.push((placeholder, Some(new_oid.clone())));
                        report.placeholders += 1;
                    }
                    None => {}
                }
            }
        }
    }
    orgs::insert_orgs(conn, &inserts)?;
    for row in &parsed.rows {
        if let Row::Contact { line, org, fields } = row {
            let Some(found) = by_oid.get(org.as_str()).or_else(|| by_code.get(org.as_str())) else {
                report.rejected.push(Rejected { line: *line, reason: RejectReason::UnknownOrg(org.clone()) });
                continue;
            };
            match contacts::upsert(conn, found.id, fields, now())? {
                Upserted::Added => report.added += 1,
                Upserted::Updated => report.updated += 1,
                Upserted::Unchanged => report.unchanged += 1,
            }
        }
    }
    orgs::relink_parents(conn)?;
    Ok(report)
}

/// The stored fields with every value the file gives laid over them: a file that has no
/// column for something (the OID list has no school codes) does not erase it.
fn overlay(mut stored: OrgFields, new: &OrgFields) -> OrgFields {
    stored.name = new.name.clone();
    macro_rules! take {
        ($($f:ident),*) => { $( if new.$f.is_some() { stored.$f = new.$f.clone(); } )* };
    }
    take!(oid, kind, school_code, agency_code, county, address, phone, dn, website);
    stored
}
