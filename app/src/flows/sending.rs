//! Limits on the mail and SMS a person can make Gatehouse send (忘記密碼, 忘記帳號, an
//! application's codes, set-password links, the emergency code): per recipient and per client
//! address, so that nobody can flood a mailbox or a phone, or buy guesses with new codes.
//!
//! A request that matched no one sends nothing and must not spend the real owner's allowance:
//! usernames are guessable (school code + name), so three requests with a made-up name would
//! otherwise silence the owner's own 忘記密碼 for an hour. Those are counted per client and per
//! the address typed, in a count of their own (`Recipient::Unmatched`). Each kind of message has
//! its own allowance per mailbox, so that one kind used up (a main account's 補寄驗證信) never
//! silences another (the owner's 忘記密碼 or emergency code).

use crate::{
    auth::{AuthSettings, RequestInfo},
    db::{now, rate_limits, AnyConnection},
    error::AppError,
    i18n::Msg,
};

/// What a message is, for its allowance.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    /// A link to set the password (a new account, 補寄驗證信).
    SetPasswordLink,
    /// 忘記密碼's code.
    PasswordReset,
    /// 忘記帳號's list of usernames.
    Usernames,
    /// 重設登入綁定's emergency code.
    EmergencyCode,
    /// A code proving an address or a number (an application, a change of contact).
    Verification,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::SetPasswordLink => "set_password",
            Kind::PasswordReset => "reset",
            Kind::Usernames => "usernames",
            Kind::EmergencyCode => "emergency",
            Kind::Verification => "verification",
        }
    }
}

/// Who a message would go to.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Recipient<'a> {
    /// A mailbox or phone a message really goes to: its address or number.
    To(&'a str),
    /// What a request typed that matched no one: nothing goes there.
    Unmatched(&'a str),
}

impl Recipient<'_> {
    fn key(self, kind: Kind) -> String {
        let (whose, address) = match self {
            Recipient::To(to) => ("to", to),
            Recipient::Unmatched(typed) => ("unmatched", typed),
        };
        format!("send:{}:{whose}:{}", kind.as_str(), address.trim().to_lowercase())
    }
}

/// Counts one message of `kind` to `recipient` asked for by this client; false when either has
/// had its share of the window. Both are counted either way.
pub(crate) fn may_send(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    info: &RequestInfo,
    (kind, recipient): (Kind, Recipient),
) -> Result<bool, AppError> {
    let (now, window) = (now(), settings.send_window_seconds);
    let by_client =
        rate_limits::hit(conn, &format!("send:client:{}", info.ip), now, window, settings.sends_per_client)?;
    let to_recipient = to_recipient(conn, settings, (kind, recipient))?;
    Ok(by_client && to_recipient)
}

/// Counts one message of `kind` to `recipient`, whoever asked (an administrator's action, the
/// command line); false when it has had its share of the window.
pub(crate) fn to_recipient(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    (kind, recipient): (Kind, Recipient),
) -> Result<bool, AppError> {
    let key = recipient.key(kind);
    Ok(rate_limits::hit(conn, &key, now(), settings.send_window_seconds, settings.sends_per_recipient)?)
}

/// Whether `address` may still be sent a message of `kind` in this window, without counting
/// one: for checking a file's rows before anything is created.
pub(crate) fn has_room(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    (kind, address): (Kind, &str),
) -> Result<bool, AppError> {
    let used = rate_limits::count(conn, &Recipient::To(address).key(kind), now(), settings.send_window_seconds)?;
    Ok(used < settings.sends_per_recipient)
}

/// The refusal when a mailbox has had its share: at the field that named it.
pub(crate) fn limit_reached(field: &str) -> AppError {
    AppError::invalid(field, Msg::MailboxSendLimit)
}
