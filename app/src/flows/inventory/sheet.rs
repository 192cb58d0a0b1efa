//! Reading a sheet and saving changes to it: all or nothing, refused while any cell is wrong,
//! and never over someone else's newer edit.

use crate::{
    accounts::{AuditEvent, AuditOutcome},
    auth::RequestInfo,
    db::{assets, now, reporting, users, users::User, AnyConnection},
    error::AppError,
    flows::{
        accounts::consent,
        authorize,
        work::{Done, Services, Work},
    },
    i18n::{LocalText, Msg},
    inventory::{normalize, CellProblem, Cells, Column, Period, RowChange, Saved, Sheet, Submission, MAX_ROWS},
    permissions::{self, Action, Decision, Subsystem},
};

/// Changes one save may carry: a whole 10,000-row import fits.
pub const MAX_CHANGES: usize = 20_000;

/// The open period, and `org_id`'s standing submission in it, which locks the sheet.
pub(crate) fn standing(
    conn: &mut AnyConnection,
    org_id: i64,
) -> Result<(Option<Period>, Option<Submission>), AppError> {
    let period = reporting::open_period(conn, now())?;
    let submission = match &period {
        Some(p) => reporting::current_submission(conn, p.id, org_id)?,
        None => None,
    };
    Ok((period, submission))
}

/// The standing submission of the open period, which locks the sheet.
pub(crate) fn lock(conn: &mut AnyConnection, org_id: i64) -> Result<Option<Submission>, AppError> {
    Ok(standing(conn, org_id)?.1)
}

/// The answer while the sheet is locked by a submission.
pub(crate) fn locked() -> AppError {
    AppError::Conflict { rows: vec![], message: Msg::InvLocked.into() }
}

pub async fn load(services: &Services, info: RequestInfo, org_id: Option<i64>) -> Result<Sheet, AppError> {
    // The reader's own organization unless another is named.
    let (current, actor) = authorize(services, &info, |u| Action::ReadInventory(org_id.unwrap_or(u.org_id))).await?;
    let org_id = org_id.unwrap_or(current.user.org_id);
    let may = |action| permissions::decide(Some(&actor), action) == Decision::Allow;
    let (may_edit, may_submit) = (may(Action::EditInventory(org_id)), may(Action::SubmitInventory(org_id)));
    services
        .read(move |conn| {
            consent::require(conn, &current.user, org_id, Subsystem::ASSETS)?;
            let org_name = users::org_name(conn, org_id)?;
            let rows = assets::load(conn, org_id)?;
            let problems = CellProblem::of_rows(rows.iter().map(|r| &r.cells));
            let (period, submission) = standing(conn, org_id)?;
            Ok(Sheet {
                org_id,
                org_name,
                rows,
                problems,
                editable: may_edit && submission.is_none(),
                can_submit: may_submit && period.is_some() && submission.is_none(),
                period,
                submission,
            })
        })
        .await
}

/// Normalizes every cell the changes carry and checks every changed row: all problems at
/// once, by the change's index.
pub fn prepare(changes: &mut [RowChange]) -> Vec<CellProblem> {
    let mut problems = Vec::new();
    for (row, change) in changes.iter_mut().enumerate() {
        if let RowChange::Insert { cells } | RowChange::Update { cells, .. } = change {
            for column in Column::ALL {
                cells[column.index()] = normalize(column, &cells[column.index()]);
            }
            problems.extend(CellProblem::of_row(row, cells));
        }
    }
    problems
}

pub async fn save(
    services: &Services,
    info: RequestInfo,
    org_id: i64,
    mut changes: Vec<RowChange>,
) -> Result<Saved, AppError> {
    let (current, _) = authorize(services, &info, |_| Action::EditInventory(org_id)).await?;
    checked(&mut changes)?;
    let count = |f: fn(&RowChange) -> bool| changes.iter().filter(|c| f(c)).count();
    let summary = format!(
        "{} added, {} changed, {} deleted",
        count(|c| matches!(c, RowChange::Insert { .. })),
        count(|c| matches!(c, RowChange::Update { .. })),
        count(|c| matches!(c, RowChange::Delete { .. }))
    );
    services.write(&info, move |work| save_in(work, &current.user, org_id, &changes, summary)).await
}

/// Replaces the whole sheet of `org_id` (the reader's own unless named) with `rows`, a file
/// imported where there is no grid to show it first (a browser without WebAssembly): in one
/// transaction every stored row is deleted and the file's inserted, all or nothing, as one
/// save. Answers how many rows the sheet now has.
pub async fn replace(
    services: &Services,
    info: RequestInfo,
    org_id: Option<i64>,
    rows: Vec<Cells>,
) -> Result<usize, AppError> {
    let (current, _) = authorize(services, &info, |u| Action::EditInventory(org_id.unwrap_or(u.org_id))).await?;
    let org_id = org_id.unwrap_or(current.user.org_id);
    let mut inserts: Vec<RowChange> = rows.into_iter().map(|cells| RowChange::Insert { cells }).collect();
    checked(&mut inserts)?;
    let added = inserts.len();
    services
        .write(&info, move |work| {
            let stored = assets::load(work.conn, org_id).map_err(AppError::from)?;
            let summary = format!("replaced from a file: {} deleted, {added} added", stored.len());
            let mut changes: Vec<RowChange> =
                stored.iter().map(|r| RowChange::Delete { id: r.id, version: r.version }).collect();
            changes.extend(inserts);
            save_in(work, &current.user, org_id, &changes, summary)?;
            Ok(added)
        })
        .await
}

/// Changes a save may write: not too many, every cell normalized, none wrong.
fn checked(changes: &mut [RowChange]) -> Result<(), AppError> {
    if changes.len() > MAX_CHANGES {
        return Err(too_many_rows());
    }
    let problems = prepare(changes);
    match problems.is_empty() {
        true => Ok(()),
        false => Err(CellProblem::refusal(problems)),
    }
}

/// One save's writing, in its transaction: refused without the subsystem's consent or while a
/// submission locks the sheet; on record.
fn save_in(work: &mut Work, user: &User, org_id: i64, changes: &[RowChange], summary: String) -> Done<Saved> {
    consent::require(work.conn, user, org_id, Subsystem::ASSETS)?;
    if lock(work.conn, org_id)?.is_some() {
        return Err(locked().into());
    }
    let saved = apply(work.conn, org_id, changes, user.id)?;
    // About the sheet, not the account: kept out of the 帳號活動紀錄.
    work.audit(AuditEvent::InventorySaved, AuditOutcome::Success)
        .about_data(user, Some(org_id))
        .detail(summary)
        .write()?;
    Ok(saved)
}

/// Writes the changes `by` made: refused, and so rolled back with the whole save, when a row
/// changed meanwhile (`Conflict`, naming them) or the sheet would grow past its limit.
fn apply(conn: &mut AnyConnection, org_id: i64, changes: &[RowChange], by: i64) -> Result<Saved, AppError> {
    let saved = match assets::apply(conn, org_id, changes, by, now())? {
        Ok(saved) => saved,
        Err(rows) => {
            let message = LocalText::new(Msg::InvRowsChanged).arg("count", rows.len());
            return Err(AppError::Conflict { rows, message });
        }
    };
    if assets::count(conn, org_id)? > MAX_ROWS {
        return Err(too_many_rows());
    }
    Ok(Saved { rows: saved })
}

fn too_many_rows() -> AppError {
    AppError::invalid("rows", LocalText::new(Msg::InvTooManyRows).arg("max", MAX_ROWS))
}
