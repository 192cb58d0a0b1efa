//! One attempt at a secret (a password, an authenticator code), under the lockout (SPEC §3:
//! 3 failures lock the account for 15 minutes, whatever step they were made at).
//!
//! The attempt is counted before it is checked and given back only when it proves right, so a
//! burst cannot have more than the limit checked per lock window, and no answer repeats
//! another's count (a refused right password answers as a wrong one with its count would). The
//! count is cleared only by a complete sign-in (`super::sign_in::complete`).

use crate::{
    accounts::{AuditEvent, AuditOutcome},
    auth::{lockout, AuthSettings, RequestInfo},
    db::{failures, now, sessions, users::User, AnyConnection},
    error::AppError,
    flows::session,
};

pub(crate) struct Attempt<'a> {
    pub info: &'a RequestInfo,
    pub settings: &'a AuthSettings,
    /// The lowercased username, known or not.
    pub key: &'a str,
    pub user: Option<&'a User>,
    pub event: AuditEvent,
    pub method: &'static str,
}

impl<'a> Attempt<'a> {
    /// An attempt at a secret of `user` (a code, a key), counted under its username.
    pub fn of(
        info: &'a RequestInfo,
        settings: &'a AuthSettings,
        user: &'a User,
        event: AuditEvent,
        method: &'static str,
    ) -> Self {
        Attempt { info, settings, key: &user.username_key, user: Some(user), event, method }
    }

    fn audit(
        &self,
        conn: &mut AnyConnection,
        event: AuditEvent,
        outcome: AuditOutcome,
        detail: &str,
    ) -> Result<(), AppError> {
        let username = self.user.map_or(self.key, |u| u.username.as_str());
        super::audit(conn, self.info, event, outcome, self.user, username, |r| {
            r.method = Some(self.method);
            r.detail = detail.to_string();
        })
    }

    /// The lock has just started: a half-finished sign-in of the account ends, whoever caused
    /// the lock (after it, sign-in starts again at the password).
    fn locked_now(&self, conn: &mut AnyConnection) -> Result<(), AppError> {
        if let Some(user) = self.user {
            sessions::delete_half_finished(conn, user.id)?;
        }
        self.audit(conn, AuditEvent::Lockout, AuditOutcome::Success, "")
    }

    /// Counts the attempt before it is checked and returns its count. A locked account's
    /// attempt is refused unchecked (audited): its answer is in the inner `Err`.
    pub fn begin(&self, conn: &mut AnyConnection) -> Result<Result<i32, AppError>, AppError> {
        let s = self.settings;
        let reserved = failures::reserve(conn, self.key, now(), s.max_failures, s.lock_seconds)?;
        if reserved.locked_now {
            self.locked_now(conn)?;
        }
        if reserved.locked {
            self.audit(conn, self.event, AuditOutcome::Refused, "locked")?;
            return Ok(Err(lockout::failure(reserved.count, s)));
        }
        Ok(Ok(reserved.count))
    }

    /// The secret was wrong: the count stands and may start the lock, which also ends the
    /// session `ending` (the one the attempt was made from). Returns the answer.
    pub fn failed(&self, conn: &mut AnyConnection, count: i32, ending: Option<&str>) -> Result<AppError, AppError> {
        let s = self.settings;
        self.audit(conn, self.event, AuditOutcome::Failure, "")?;
        if failures::lock_if_reached(conn, self.key, count, now(), s.max_failures, s.lock_seconds)? {
            self.locked_now(conn)?;
        }
        if let (Some(hash), true) = (ending, count >= s.max_failures as i32) {
            sessions::delete(conn, hash)?;
            session::clear_cookie(s, self.info);
        }
        Ok(lockout::failure(count, s))
    }

    /// The whole attempt when its check is quick and runs in this transaction (a code):
    /// counted, checked by `check` (`None` when wrong), then settled. A wrong one that locks
    /// the account ends the session `ending`.
    pub fn check<T>(
        &self,
        conn: &mut AnyConnection,
        ending: Option<&str>,
        check: impl FnOnce(&mut AnyConnection) -> Result<Option<T>, AppError>,
    ) -> Result<Result<T, AppError>, AppError> {
        let count = match self.begin(conn)? {
            Ok(count) => count,
            Err(refused) => return Ok(Err(refused)),
        };
        match check(conn)? {
            None => Ok(Err(self.failed(conn, count, ending)?)),
            Some(value) => Ok(self.passed(conn, count)?.map(|()| value)),
        }
    }

    /// The secret was right. If the account was locked meanwhile (by attempts still being
    /// checked when this one started), it is refused all the same, audited as such, and
    /// answered as a wrong one with its count would be. Otherwise its count is given back.
    pub fn passed(&self, conn: &mut AnyConnection, count: i32) -> Result<Result<(), AppError>, AppError> {
        if failures::locked(conn, self.key, now())?.is_some() {
            self.audit(conn, self.event, AuditOutcome::Refused, "right, but the account was locked")?;
            return Ok(Err(lockout::failure(count, self.settings)));
        }
        failures::refund(conn, self.key)?;
        Ok(Ok(()))
    }
}

/// The lockout's answer said at `field`, so that the user sees the count where they typed.
pub(crate) fn at_field(field: &str, error: AppError) -> AppError {
    match error {
        AppError::Invalid { message, .. } => AppError::Invalid { field: field.into(), message },
        other => other,
    }
}
