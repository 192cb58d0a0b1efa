//! What every change of a credential does besides the change: the account's other sessions
//! end (a thief signed in elsewhere is out), and its owner is told by mail, in case it was not
//! them. Called inside the transaction that made the change.

use crate::{
    auth::{mail, RequestInfo},
    db::{
        now,
        outbox::{self, Channel},
        sessions,
        users::User,
        AnyConnection,
    },
    error::AppError,
    i18n::Msg,
    time::taipei_datetime,
};

/// `what` says the change (`Msg::ChangePasswordChanged`, …); `keep` is the session it was
/// made from, which stays (none when made by an admin or by a mailed code or link).
pub(crate) fn credential_changed(
    conn: &mut AnyConnection,
    info: &RequestInfo,
    user: &User,
    what: Msg,
    keep: Option<&str>,
) -> Result<(), AppError> {
    sessions::delete_others(conn, user.id, keep)?;
    let at = now();
    let m =
        mail::credential_notice(info.locale, &user.display_name, &user.username, what, &taipei_datetime(at), &info.ip);
    outbox::enqueue(conn, Channel::Email, &user.email, m.template, &m.subject, &m.body, at)?;
    Ok(())
}
