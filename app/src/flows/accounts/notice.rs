//! What every change of a credential does besides the change: the account's other sessions
//! end (a thief signed in elsewhere is out), and its owner is told by mail, in case it was not
//! them. Called inside the transaction that made the change.

use crate::{
    auth::mail,
    db::{
        now,
        outbox::{self, Channel},
        sessions,
        users::User,
    },
    error::AppError,
    flows::work::Work,
    i18n::Msg,
    time::taipei_datetime,
};

/// `what` says the change (`Msg::ChangePasswordChanged`, …); `keep` is the session it was
/// made from, which stays (none when made by an admin or by a mailed code or link).
pub(crate) fn credential_changed(work: &mut Work, user: &User, what: Msg, keep: Option<&str>) -> Result<(), AppError> {
    sessions::delete_others(work.conn, user.id, keep)?;
    let at = now();
    let info = work.info;
    let m =
        mail::credential_notice(info.locale, &user.display_name, &user.username, what, &taipei_datetime(at), &info.ip);
    outbox::enqueue(work.conn, Channel::Email, &user.email, m.template, &m.subject, &m.body, at)?;
    Ok(())
}
