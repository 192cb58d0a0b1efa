//! Limits on the mail and SMS a person can make Gatehouse send (忘記密碼, 忘記帳號, an
//! application's codes): per recipient and per client address, so that nobody can flood a
//! mailbox or a phone, or buy guesses with new codes.

use crate::{
    auth::{AuthSettings, RequestInfo},
    db::{now, rate_limits, AnyConnection},
    error::AppError,
};

/// Counts one message to `recipient` (an account id or an address) asked for by this client;
/// false when either has had its share of the window. Both are counted either way.
pub(crate) fn may_send(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    info: &RequestInfo,
    recipient: &str,
) -> Result<bool, AppError> {
    let (now, window) = (now(), settings.send_window_seconds);
    let by_client =
        rate_limits::hit(conn, &format!("send:client:{}", info.ip), now, window, settings.sends_per_client)?;
    let to_recipient =
        rate_limits::hit(conn, &format!("send:to:{recipient}"), now, window, settings.sends_per_recipient)?;
    Ok(by_client && to_recipient)
}
