//! Reporting periods and submitted snapshots of the inventory.

use diesel::prelude::*;

use super::{
    schema::{asset_rows as r, asset_submissions as s, organizations as o, reporting_periods as p, users as u},
    AnyConnection,
};
use crate::inventory::{Cells, DashboardEntry, Figures, Period, Submission};

type PeriodRow = (i64, String, i64, i64);

fn period((id, title, opens_at, closes_at): PeriodRow) -> Period {
    Period { id, title, opens_at, closes_at }
}

pub fn insert_period(
    conn: &mut AnyConnection,
    title: &str,
    opens_at: i64,
    closes_at: i64,
    by: i64,
    now: i64,
) -> QueryResult<i64> {
    diesel::insert_into(p::table)
        .values((
            p::title.eq(title),
            p::opens_at.eq(opens_at),
            p::closes_at.eq(closes_at),
            p::created_by.eq(by),
            p::created_at.eq(now),
        ))
        .returning(p::id)
        .get_result(conn)
}

/// Every period, the latest first.
pub fn periods(conn: &mut AnyConnection) -> QueryResult<Vec<Period>> {
    let rows: Vec<PeriodRow> = p::table
        .order((p::opens_at.desc(), p::id.desc()))
        .select((p::id, p::title, p::opens_at, p::closes_at))
        .load(conn)?;
    Ok(rows.into_iter().map(period).collect())
}

pub fn find_period(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Period>> {
    p::table.find(id).select((p::id, p::title, p::opens_at, p::closes_at)).first(conn).optional().map(|r| r.map(period))
}

/// The period open at `now`, if any; when windows overlap, the one that opened last.
pub fn open_period(conn: &mut AnyConnection, now: i64) -> QueryResult<Option<Period>> {
    p::table
        .filter(p::opens_at.le(now))
        .filter(p::closes_at.gt(now))
        .order((p::opens_at.desc(), p::id.desc()))
        .select((p::id, p::title, p::opens_at, p::closes_at))
        .first(conn)
        .optional()
        .map(|r| r.map(period))
}

macro_rules! submission_columns {
    () => {
        (
            s::id,
            s::period_id,
            s::submitted_at,
            u::display_name.nullable(),
            s::row_count,
            (s::level_normal, s::level_medium, s::level_high, s::level_other),
            (s::baseline_met, s::baseline_partly, s::baseline_not, s::baseline_na),
        )
    };
}

type LoadedSubmission = (i64, i64, i64, Option<String>, i64, (i64, i64, i64, i64), (i64, i64, i64, i64));

fn submission(row: LoadedSubmission) -> Submission {
    let (id, period_id, submitted_at, by, rows, l, b) = row;
    Submission {
        id,
        period_id,
        submitted_at,
        submitted_by: by.unwrap_or_default(),
        figures: Figures { rows, levels: [l.0, l.1, l.2, l.3], baselines: [b.0, b.1, b.2, b.3] },
    }
}

/// The standing (not reopened) submission of `org_id` in `period_id`.
pub fn current_submission(conn: &mut AnyConnection, period_id: i64, org_id: i64) -> QueryResult<Option<Submission>> {
    s::table
        .left_join(u::table.on(u::id.nullable().eq(s::submitted_by)))
        .filter(s::period_id.eq(period_id))
        .filter(s::org_id.eq(org_id))
        .filter(s::reopened_at.is_null())
        .select(submission_columns!())
        .first::<LoadedSubmission>(conn)
        .optional()
        .map(|r| r.map(submission))
}

/// Stores a snapshot of `rows` as `org_id`'s submission. The unique index refuses a second
/// standing submission, so of two simultaneous 提報 one fails.
pub fn insert_submission(
    conn: &mut AnyConnection,
    period_id: i64,
    org_id: i64,
    rows: &[Cells],
    by: i64,
    now: i64,
) -> QueryResult<i64> {
    let f = Figures::of(rows);
    diesel::insert_into(s::table)
        .values((
            s::period_id.eq(period_id),
            s::org_id.eq(org_id),
            s::submitted_at.eq(now),
            s::submitted_by.eq(by),
            s::row_count.eq(f.rows),
            s::level_normal.eq(f.levels[0]),
            s::level_medium.eq(f.levels[1]),
            s::level_high.eq(f.levels[2]),
            s::level_other.eq(f.levels[3]),
            s::baseline_met.eq(f.baselines[0]),
            s::baseline_partly.eq(f.baselines[1]),
            s::baseline_not.eq(f.baselines[2]),
            s::baseline_na.eq(f.baselines[3]),
            s::snapshot.eq(serde_json::to_string(rows).unwrap_or_else(|_| "[]".into())),
        ))
        .returning(s::id)
        .get_result(conn)
}

/// Reopens a standing submission; returns its organization, or `None` if there is none
/// standing with that id.
pub fn reopen(conn: &mut AnyConnection, id: i64, by: i64, now: i64) -> QueryResult<Option<i64>> {
    let org: Option<i64> =
        s::table.find(id).filter(s::reopened_at.is_null()).select(s::org_id).first(conn).optional()?;
    if org.is_some() {
        diesel::update(s::table.find(id).filter(s::reopened_at.is_null()))
            .set((s::reopened_at.eq(now), s::reopened_by.eq(by)))
            .execute(conn)?;
    }
    Ok(org)
}

/// The organizations expected to report (those with a member holding `subsystem`, or with rows
/// or a submission), each with its live row count and its standing submission in `period_id`.
pub fn dashboard(conn: &mut AnyConnection, period_id: i64, subsystem: &str) -> QueryResult<Vec<DashboardEntry>> {
    use super::schema::{grants as g, subsystems as ss};
    let mut org_ids: Vec<i64> = u::table
        .inner_join(g::table.on(g::user_id.eq(u::id)))
        .inner_join(ss::table.on(ss::id.eq(g::subsystem_id)))
        .filter(ss::code.eq(subsystem))
        .select(u::org_id)
        .distinct()
        .load(conn)?;
    org_ids.extend(r::table.select(r::org_id).distinct().load::<i64>(conn)?);
    org_ids.extend(s::table.filter(s::period_id.eq(period_id)).select(s::org_id).distinct().load::<i64>(conn)?);
    org_ids.sort_unstable();
    org_ids.dedup();

    let mut entries = Vec::with_capacity(org_ids.len());
    for chunk in org_ids.chunks(500) {
        let orgs: Vec<(i64, String, Option<String>)> =
            o::table.filter(o::id.eq_any(chunk)).select((o::id, o::name, o::oid)).load(conn)?;
        let counts: Vec<(i64, i64)> = r::table
            .filter(r::org_id.eq_any(chunk))
            .group_by(r::org_id)
            .select((r::org_id, diesel::dsl::count_star()))
            .load(conn)?;
        let submissions: Vec<(i64, LoadedSubmission)> = s::table
            .left_join(u::table.on(u::id.nullable().eq(s::submitted_by)))
            .filter(s::period_id.eq(period_id))
            .filter(s::org_id.eq_any(chunk))
            .filter(s::reopened_at.is_null())
            .select((s::org_id, submission_columns!()))
            .load(conn)?;
        for (org_id, org_name, org_oid) in orgs {
            entries.push(DashboardEntry {
                org_id,
                org_name,
                org_oid,
                live_rows: counts.iter().find(|(id, _)| *id == org_id).map(|(_, n)| *n).unwrap_or(0),
                submission: submissions.iter().find(|(id, _)| *id == org_id).map(|(_, s)| submission(s.clone())),
            });
        }
    }
    entries.sort_by(|a, b| a.org_oid.cmp(&b.org_oid).then(a.org_name.cmp(&b.org_name)));
    Ok(entries)
}

/// The snapshot rows of every standing submission in `period_id`, with the organization's
/// OID and name, for the central authority's export of everything. A damaged snapshot fails
/// the whole read (`assets::stored_json`): an export missing an organization's rows is wrong.
pub fn snapshots(conn: &mut AnyConnection, period_id: i64) -> QueryResult<Vec<(Option<String>, String, Vec<Cells>)>> {
    let rows: Vec<(i64, Option<String>, String, String)> = s::table
        .inner_join(o::table)
        .filter(s::period_id.eq(period_id))
        .filter(s::reopened_at.is_null())
        .order(o::oid)
        .select((s::id, o::oid, o::name, s::snapshot))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, oid, name, snapshot)| {
            let list: Vec<Vec<String>> = super::assets::stored_json("asset_submissions", id, &snapshot)?;
            Ok((oid, name, list.iter().map(|c| crate::inventory::cells_from(c)).collect()))
        })
        .collect()
}
