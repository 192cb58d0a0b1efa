//! The account flows, one file each. Server functions call these; they hold the rules.
//! Every write of a flow happens in one transaction with its audit record.

pub mod admin;
pub mod bind_totp;
pub mod password;
pub mod recovery;
pub mod second_factor;
pub mod sign_in;
pub mod sign_out;

use super::{lockout, session, AuthSettings, RequestInfo};
use crate::{
    accounts::{AuditEvent, AuditOutcome},
    db::{audit, failures, now, sessions, users::User, AnyConnection},
    error::AppError,
};

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

/// A wrong password or code for `key`: counts it, audits it and the lockout it may cause, and
/// when it locks, ends the half-finished session `ending`. Returns the error to show.
#[allow(clippy::too_many_arguments)]
pub(crate) fn failed_attempt(
    conn: &mut AnyConnection,
    info: &RequestInfo,
    settings: &AuthSettings,
    key: &str,
    user: Option<&User>,
    username: &str,
    event: AuditEvent,
    method: &'static str,
    ending: Option<&str>,
) -> Result<AppError, AppError> {
    let count = failures::record(conn, key, now(), settings.max_failures, settings.lock_seconds)?;
    audit(conn, info, event, AuditOutcome::Failure, user, username, |r| r.method = Some(method))?;
    if count >= settings.max_failures as i32 {
        if let Some(hash) = ending {
            sessions::delete(conn, hash)?;
            session::clear_cookie(settings, info);
        }
        audit(conn, info, AuditEvent::Lockout, AuditOutcome::Success, user, username, |_| {})?;
    }
    Ok(lockout::failure(count, settings))
}
