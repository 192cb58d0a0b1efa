//! Reporting periods (提報期間), submissions (提報) and the central authority's dashboard.

use super::sheet::standing;
use crate::{
    accounts::{AuditEvent, AuditOutcome},
    auth::RequestInfo,
    db::{assets, now, reporting, write_transaction},
    error::AppError,
    flows::{accounts::consent, audit::audit, authorize},
    i18n::Msg,
    inventory::{CellProblem, DashboardEntry, Period},
    permissions::{Action, Subsystem},
    state::AppState,
    time::parse_taipei_date,
};

/// Opens a window from the first day to the last (Taiwan dates, both included).
pub async fn open_period(
    state: &AppState,
    info: RequestInfo,
    title: String,
    first_day: String,
    last_day: String,
) -> Result<i64, AppError> {
    let (admin, _) = authorize(state, &info, |_| Action::ManageReporting).await?;
    let title = title.trim().to_string();
    if title.is_empty() {
        return Err(AppError::invalid("title", Msg::InvPeriodTitleRequired));
    }
    let opens_at = parse_taipei_date(&first_day).ok_or_else(|| AppError::invalid("first_day", Msg::DateInvalid))?;
    let last = parse_taipei_date(&last_day).ok_or_else(|| AppError::invalid("last_day", Msg::DateInvalid))?;
    if last < opens_at {
        return Err(AppError::invalid("last_day", Msg::InvPeriodDates));
    }
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let id = reporting::insert_period(conn, &title, opens_at, last + 86_400, admin.user.id, now())?;
                audit(
                    conn,
                    &info,
                    AuditEvent::PeriodOpened,
                    AuditOutcome::Success,
                    Some(&admin.user),
                    &admin.user.username,
                    |r| {
                        r.detail = format!("{title} {first_day}..{last_day}");
                    },
                )?;
                Ok(id)
            })
        })
        .await
}

pub async fn periods(state: &AppState, info: RequestInfo) -> Result<Vec<Period>, AppError> {
    authorize(state, &info, |_| Action::ManageReporting).await?;
    state.pool.run(|conn| Ok(reporting::periods(conn)?)).await
}

/// The organization admin submits the sheet as it stands: a locked, timestamped snapshot.
pub async fn submit(state: &AppState, info: RequestInfo, org_id: i64) -> Result<i64, AppError> {
    let (current, _) = authorize(state, &info, |_| Action::SubmitInventory(org_id)).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                consent::require(conn, &current.user, org_id, Subsystem::Assets)?;
                let (period, submission) = standing(conn, org_id)?;
                let period = period.ok_or_else(|| AppError::invalid("period", Msg::InvNoOpenPeriod))?;
                if submission.is_some() {
                    return Err(AppError::Conflict { rows: vec![], message: Msg::InvLocked.into() });
                }
                let rows: Vec<_> = assets::load(conn, org_id)?.into_iter().map(|r| r.cells).collect();
                // Saved rows passed the rules, but the rules may have changed since.
                let problems = CellProblem::of_rows(&rows);
                if !problems.is_empty() {
                    return Err(AppError::InvalidCells(problems));
                }
                // A second 提報 racing this one fails on the unique index; say it as the lock.
                let id = reporting::insert_submission(conn, period.id, org_id, &rows, current.user.id, now()).map_err(
                    |e| match e {
                        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                            AppError::Conflict { rows: vec![], message: Msg::InvLocked.into() }
                        }
                        other => other.into(),
                    },
                )?;
                audit(
                    conn,
                    &info,
                    AuditEvent::InventorySubmitted,
                    AuditOutcome::Success,
                    Some(&current.user),
                    &current.user.username,
                    |r| {
                        r.detail = format!("period {} rows {}", period.id, rows.len());
                    },
                )?;
                Ok(id)
            })
        })
        .await
}

/// The central authority reopens a submission, so the organization can edit and submit again.
pub async fn reopen(state: &AppState, info: RequestInfo, submission_id: i64) -> Result<(), AppError> {
    let (admin, _) = authorize(state, &info, |_| Action::ManageReporting).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let org_id = reporting::reopen(conn, submission_id, admin.user.id, now())?.ok_or(AppError::NotFound)?;
                audit(
                    conn,
                    &info,
                    AuditEvent::InventoryReopened,
                    AuditOutcome::Success,
                    Some(&admin.user),
                    &admin.user.username,
                    |r| {
                        r.org_id = Some(org_id);
                        r.detail = format!("submission {submission_id}");
                    },
                )
            })
        })
        .await
}

/// Who has submitted in `period_id` (the latest period when `None`), with their figures.
pub async fn dashboard(
    state: &AppState,
    info: RequestInfo,
    period_id: Option<i64>,
) -> Result<(Option<Period>, Vec<DashboardEntry>), AppError> {
    authorize(state, &info, |_| Action::ManageReporting).await?;
    state
        .pool
        .run(move |conn| {
            let period = match period_id {
                Some(id) => Some(reporting::find_period(conn, id)?.ok_or(AppError::NotFound)?),
                None => reporting::periods(conn)?.into_iter().next(),
            };
            let entries = match &period {
                Some(p) => reporting::dashboard(conn, p.id, Subsystem::Assets.code())?,
                None => Vec::new(),
            };
            Ok((period, entries))
        })
        .await
}
