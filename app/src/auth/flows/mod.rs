//! The account flows, one file each. Server functions call these; they hold the rules.
//! Every write of a flow happens in one transaction with its audit record.

pub mod admin;
mod attempt;
pub mod bind_totp;
mod notice;
pub mod password;
pub mod recovery;
pub mod second_factor;
pub mod sign_in;
pub mod sign_out;

use super::RequestInfo;
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
