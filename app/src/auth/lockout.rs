//! Lockout's answer: one text for a wrong username, password or code and for a locked
//! account, so that neither the message nor the lock tells whether a username is real.

use super::AuthSettings;
use crate::{
    error::AppError,
    i18n::{LocalText, Msg},
};

/// The answer to an attempt whose count is `count`, right or wrong, checked or not.
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
