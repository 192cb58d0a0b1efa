//! One attempt at a secret (a password, an authenticator code), under the lockout (SPEC §3:
//! 3 failures lock the account for 15 minutes, whatever step they were made at).
//!
//! The attempt is counted before it is checked and given back only when it proves right, so a
//! burst cannot have more than the limit checked per lock window, and no answer repeats
//! another's count (a refused right password answers as a wrong one with its count would). The
//! count is cleared only by a complete sign-in (`super::sign_in::complete`).

use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome},
    auth::lockout,
    db::{failures, now, sessions, users::User},
    error::AppError,
    flows::{
        session,
        work::{refuse, Done, Work},
    },
};

pub(crate) struct Attempt<'a> {
    /// The lowercased username, known or not.
    pub key: &'a str,
    pub user: Option<&'a User>,
    pub event: AuditEvent,
    pub method: AuditMethod,
}

impl<'a> Attempt<'a> {
    /// An attempt at a secret of `user` (a code, a key), counted under its username.
    pub fn of(user: &'a User, event: AuditEvent, method: AuditMethod) -> Self {
        Attempt { key: &user.username_key, user: Some(user), event, method }
    }

    fn audit(&self, work: &mut Work, event: AuditEvent, outcome: AuditOutcome, detail: &str) -> Result<(), AppError> {
        let record = work.audit(event, outcome).method(self.method).detail(detail);
        match self.user {
            Some(user) => record.subject(user),
            None => record.username(self.key),
        }
        .write()
    }

    /// The lock has just started: a half-finished sign-in of the account ends, whoever caused
    /// the lock (after it, sign-in starts again at the password).
    fn locked_now(&self, work: &mut Work) -> Result<(), AppError> {
        if let Some(user) = self.user {
            sessions::delete_half_finished(work.conn, user.id)?;
        }
        self.audit(work, AuditEvent::Lockout, AuditOutcome::Success, "")
    }

    /// Counts the attempt before it is checked and returns its count. A locked account's
    /// attempt is refused unchecked, and the refusal audited (it commits).
    pub fn begin(&self, work: &mut Work) -> Done<i32> {
        let s = work.settings;
        let reserved = failures::reserve(work.conn, self.key, now(), s.max_failures, s.lock_seconds)?;
        if reserved.locked_now {
            self.locked_now(work)?;
        }
        if reserved.locked {
            self.audit(work, self.event, AuditOutcome::Refused, "locked")?;
            return refuse(lockout::failure(reserved.count, work.settings));
        }
        Ok(reserved.count)
    }

    /// The secret was wrong: the count stands and may start the lock, which also ends the
    /// session `ending` (the one the attempt was made from). The refusal, which commits.
    pub fn failed<T>(&self, work: &mut Work, count: i32, ending: Option<&str>) -> Done<T> {
        let s = work.settings;
        self.audit(work, self.event, AuditOutcome::Failure, "")?;
        if failures::lock_if_reached(work.conn, self.key, count, now(), s.max_failures, s.lock_seconds)? {
            self.locked_now(work)?;
        }
        if let (Some(hash), true) = (ending, count >= s.max_failures as i32) {
            sessions::delete(work.conn, hash)?;
            session::clear_cookie(work);
        }
        refuse(lockout::failure(count, work.settings))
    }

    /// The whole attempt when its check is quick and runs in this transaction (a code):
    /// counted, checked by `check` (`None` when wrong), then settled. A wrong one that locks
    /// the account ends the session `ending`.
    pub fn check<T>(
        &self,
        work: &mut Work,
        ending: Option<&str>,
        check: impl FnOnce(&mut Work) -> Result<Option<T>, AppError>,
    ) -> Done<T> {
        let count = self.begin(work)?;
        match check(work)? {
            None => self.failed(work, count, ending),
            Some(value) => self.passed(work, count).map(|()| value),
        }
    }

    /// The secret was right. If the account was locked meanwhile (by attempts still being
    /// checked when this one started), it is refused all the same, audited as such, and
    /// answered as a wrong one with its count would be. Otherwise its count is given back.
    pub fn passed(&self, work: &mut Work, count: i32) -> Done<()> {
        if !failures::refund_unless_locked(work.conn, self.key, now())? {
            self.audit(work, self.event, AuditOutcome::Refused, "right, but the account was locked")?;
            return refuse(lockout::failure(count, work.settings));
        }
        Ok(())
    }
}

/// The lockout's answer said at `field`, so that the user sees the count where they typed.
pub(crate) fn at_field(field: &str, error: AppError) -> AppError {
    match error {
        AppError::Invalid { message, .. } => AppError::Invalid { field: field.into(), message },
        other => other,
    }
}
