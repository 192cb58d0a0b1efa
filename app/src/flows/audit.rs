//! The audit log as flows write it: one record beside the change it describes (in the same
//! transaction), or one on its own for what changes nothing else (a search, an export).

use crate::auth::RequestInfo;
use crate::{
    accounts::{AuditEvent, AuditOutcome},
    db::{audit, now, users::User, AnyConnection},
    error::AppError,
};

/// Records that `actor` did `event` on `org_id`'s data (a search, an import, an export): one
/// audit record in its own transaction, for the actions that change nothing else.
pub async fn record(
    services: &super::work::Services,
    info: &RequestInfo,
    actor: &User,
    event: AuditEvent,
    org_id: Option<i64>,
    detail: String,
) -> Result<(), AppError> {
    let actor = actor.clone();
    services
        .write(info, move |work| {
            // About data, not about the account: kept out of the actor's 帳號活動紀錄.
            work.audit(event, AuditOutcome::Success).about_data(&actor, org_id).detail(detail).write()?;
            Ok(())
        })
        .await
}

/// Writes an audit record about `subject` (if known) for this request.
pub(crate) fn audit(
    conn: &mut AnyConnection,
    info: &RequestInfo,
    event: AuditEvent,
    outcome: AuditOutcome,
    subject: Option<&User>,
    username: &str,
    configure: impl FnOnce(&mut audit::Record),
) -> Result<(), AppError> {
    let mut record = audit::Record::new(event, outcome);
    record.subject_id = subject.map(|u| u.id);
    record.actor_id = subject.map(|u| u.id);
    record.org_id = subject.map(|u| u.org_id);
    record.username = Some(username);
    record.ip = &info.ip;
    record.user_agent = &info.user_agent;
    configure(&mut record);
    audit::write(conn, &record, now())?;
    Ok(())
}
