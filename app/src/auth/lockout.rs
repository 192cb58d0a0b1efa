//! Lockout: consecutive failures per username key, counted the same for accounts that do not
//! exist, so that neither the message nor the lock tells whether a username is real.

use super::AuthSettings;
use crate::{
    db::{failures, AnyConnection},
    error::AppError,
    i18n::{LocalText, Msg},
};

/// The one answer to a wrong username, password or code, and to a locked account.
pub fn failure(count: i32, settings: &AuthSettings) -> AppError {
    let text = if count >= settings.max_failures as i32 {
        LocalText::new(Msg::SignInLocked)
            .arg("max", settings.max_failures)
            .arg("n", count)
            .arg("minutes", settings.lock_seconds / 60)
    } else {
        LocalText::new(Msg::SignInFailed).arg("max", settings.max_failures).arg("n", count)
    };
    AppError::invalid("form", text)
}

/// `Some(count)` while `key` is locked. A lock or a run of failures older than the lock
/// period is forgotten.
pub fn locked(conn: &mut AnyConnection, key: &str, now: i64, settings: &AuthSettings) -> Result<Option<i32>, AppError> {
    let Some(row) = failures::get(conn, key)? else {
        return Ok(None);
    };
    match row.locked_until {
        Some(until) if until > now => Ok(Some(row.failures)),
        Some(_) => {
            failures::clear(conn, key)?;
            Ok(None)
        }
        None if row.last_failed_at + settings.lock_seconds <= now => {
            failures::clear(conn, key)?;
            Ok(None)
        }
        None => Ok(None),
    }
}
