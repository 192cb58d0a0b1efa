//! Reporting periods (提報期間), submissions (提報) and the central authority's dashboard.

use super::sheet::{locked, standing};
use crate::{
    accounts::{AuditEvent, AuditOutcome},
    auth::RequestInfo,
    db::{assets, now, reporting},
    error::AppError,
    flows::{accounts::consent, authorize, work::Services},
    i18n::Msg,
    inventory::{CellProblem, DashboardEntry, Period},
    permissions::{Action, Subsystem},
    time::parse_taipei_date,
};

/// Opens a window from the first day to the last (Taiwan dates, both included).
pub async fn open_period(
    services: &Services,
    info: RequestInfo,
    title: String,
    first_day: String,
    last_day: String,
) -> Result<i64, AppError> {
    let (admin, _) = authorize(services, &info, |_| Action::ManageReporting).await?;
    let title = title.trim().to_string();
    if title.is_empty() {
        return Err(AppError::invalid("title", Msg::InvPeriodTitleRequired));
    }
    let opens_at = parse_taipei_date(&first_day).ok_or_else(|| AppError::invalid("first_day", Msg::DateInvalid))?;
    let last = parse_taipei_date(&last_day).ok_or_else(|| AppError::invalid("last_day", Msg::DateInvalid))?;
    if last < opens_at {
        return Err(AppError::invalid("last_day", Msg::InvPeriodDates));
    }
    services
        .write(&info, move |work| {
            let id = reporting::insert_period(work.conn, &title, opens_at, last + 86_400, admin.user.id, now())?;
            let detail = format!("{title} {first_day}..{last_day}");
            work.audit(AuditEvent::PeriodOpened, AuditOutcome::Success).subject(&admin.user).detail(detail).write()?;
            Ok(id)
        })
        .await
}

pub async fn periods(services: &Services, info: RequestInfo) -> Result<Vec<Period>, AppError> {
    authorize(services, &info, |_| Action::ManageReporting).await?;
    services.read(|conn| Ok(reporting::periods(conn)?)).await
}

/// The organization admin submits the sheet as it stands: a locked, timestamped snapshot.
pub async fn submit(services: &Services, info: RequestInfo, org_id: i64) -> Result<i64, AppError> {
    let (current, _) = authorize(services, &info, |_| Action::SubmitInventory(org_id)).await?;
    services
        .write(&info, move |work| {
            consent::require(work.conn, &current.user, org_id, Subsystem::ASSETS)?;
            let (period, submission) = standing(work.conn, org_id)?;
            let period = period.ok_or_else(|| AppError::invalid("period", Msg::InvNoOpenPeriod))?;
            if submission.is_some() {
                return Err(locked().into());
            }
            let rows: Vec<_> = assets::load(work.conn, org_id)?.into_iter().map(|r| r.cells).collect();
            // Saved rows passed the rules, but the rules may have changed since.
            let problems = CellProblem::of_rows(&rows);
            if !problems.is_empty() {
                return Err(CellProblem::refusal(problems).into());
            }
            // A second 提報 racing this one fails on the unique index; say it as the lock.
            let id = reporting::insert_submission(work.conn, period.id, org_id, &rows, current.user.id, now())
                .map_err(unique_as_locked)?;
            let detail = format!("period {} rows {}", period.id, rows.len());
            work.audit(AuditEvent::InventorySubmitted, AuditOutcome::Success)
                .subject(&current.user)
                .detail(detail)
                .write()?;
            Ok(id)
        })
        .await
}

fn unique_as_locked(e: diesel::result::Error) -> AppError {
    match e {
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => locked(),
        other => other.into(),
    }
}

/// The central authority reopens a submission, so the organization can edit and submit again.
pub async fn reopen(services: &Services, info: RequestInfo, submission_id: i64) -> Result<(), AppError> {
    let (admin, _) = authorize(services, &info, |_| Action::ManageReporting).await?;
    services
        .write(&info, move |work| {
            let org_id =
                reporting::reopen(work.conn, submission_id, admin.user.id, now())?.ok_or(AppError::NotFound)?;
            // The reopened organization's, and in the admin's own activity too.
            work.audit(AuditEvent::InventoryReopened, AuditOutcome::Success)
                .about_data(&admin.user, Some(org_id))
                .subject(&admin.user)
                .detail(format!("submission {submission_id}"))
                .write()?;
            Ok(())
        })
        .await
}

/// Who has submitted in `period_id` (the latest period when `None`), with their figures.
pub async fn dashboard(
    services: &Services,
    info: RequestInfo,
    period_id: Option<i64>,
) -> Result<(Option<Period>, Vec<DashboardEntry>), AppError> {
    authorize(services, &info, |_| Action::ManageReporting).await?;
    services
        .read(move |conn| {
            let period = match period_id {
                Some(id) => Some(reporting::find_period(conn, id)?.ok_or(AppError::NotFound)?),
                None => reporting::periods(conn)?.into_iter().next(),
            };
            let entries = match &period {
                Some(p) => reporting::dashboard(conn, p.id, Subsystem::ASSETS.code())?,
                None => Vec::new(),
            };
            Ok((period, entries))
        })
        .await
}
