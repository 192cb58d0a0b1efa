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
    state: &crate::state::AppState,
    info: &RequestInfo,
    actor: &User,
    event: AuditEvent,
    org_id: Option<i64>,
    detail: String,
) -> Result<(), AppError> {
    let (info, actor) = (info.clone(), actor.clone());
    state
        .pool
        .run(move |conn| {
            audit(conn, &info, event, AuditOutcome::Success, Some(&actor), &actor.username, |r| {
                // About data, not about the account: kept out of the actor's 帳號活動紀錄.
                r.subject_id = None;
                r.org_id = org_id.or(Some(actor.org_id));
                r.detail = detail;
            })
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

/// An event of `user`'s own sign-in settings, made with `method` (`totp`, `security_key`,
/// `email_code`), with a detail (a key's name, a reason).
pub(crate) fn own(
    conn: &mut AnyConnection,
    info: &RequestInfo,
    user: &User,
    (event, outcome): (AuditEvent, AuditOutcome),
    method: &'static str,
    detail: &str,
) -> Result<(), AppError> {
    audit(conn, info, event, outcome, Some(user), &user.username, |r| {
        r.method = Some(method);
        r.detail = detail.to_string();
    })
}
