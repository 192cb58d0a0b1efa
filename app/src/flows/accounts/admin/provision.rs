//! New accounts' passwords: the command line's accounts (an admin, a user) and the link to
//! set a password, mailed through the outbox.

use diesel::OptionalExtension;

use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome},
    auth::{codes, AuthSettings, RequestInfo},
    db::{
        codes::{self as stored, Purpose},
        now, orgs, portal,
        users::{self, NewUser},
        AnyConnection,
    },
    directory::OrgKey,
    error::AppError,
    flows::{
        sending::{self, Kind, Recipient},
        work::Services,
    },
    i18n::{LocalText, Msg},
};

/// Creates an account in `org` (with `new.role`) holding the subsystems `grants` (by code),
/// and returns the one-time link to set its password, which is also mailed to the account's
/// address through the outbox (`gatehouse create-admin` and `create-user`, the demo accounts).
/// One unit of work, each step audited as done from the command line: a grant that fails (an
/// unknown subsystem is refused at the field `grant`, naming it as `code`) leaves no account.
pub async fn create_with_link(
    services: &Services,
    org: &str,
    new: NewUser,
    grants: Vec<String>,
) -> Result<String, AppError> {
    let org_key = OrgKey::from_segment(org);
    services
        .write(&RequestInfo::default(), move |work| {
            let (org_id, _) = orgs::find_id(work.conn, &org_key)?;
            if users::find_by_key(work.conn, &new.username)?.is_some() {
                return Err(AppError::invalid("username", Msg::UsernameTaken).into());
            }
            let id = users::insert(work.conn, &NewUser { org_id, ..new })?;
            let user = users::find(work.conn, id)?;
            let link = mail_set_password_link(work.conn, work.settings, &user)?;
            work.audit(AuditEvent::AccountCreated, AuditOutcome::Success)
                .subject(&user)
                .method(AuditMethod::Cli)
                .write()?;
            for code in grants {
                // The subsystem is looked up by its code; none is `NotFound`.
                if portal::grant(work.conn, user.id, &code, None, now()).optional()?.is_none() {
                    let unknown = LocalText::new(Msg::ApplySubsystemUnknown).arg("code", &code);
                    return Err(AppError::invalid("grant", unknown).into());
                }
                work.audit(AuditEvent::GrantChanged, AuditOutcome::Success)
                    .subject(&user)
                    .method(AuditMethod::Cli)
                    .detail(format!("grant {code}"))
                    .write()?;
            }
            Ok(link)
        })
        .await
}

/// Issues a new link to set the password of `user` and mails it to the account's address
/// through the outbox: single use, expiring, and any older link of the account is void from now on.
/// The mailbox's allowance counts it (a main account's files and 補寄驗證信 flood no one):
/// refused at the email field when it has had its share. Returns the link.
pub(crate) fn mail_set_password_link(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    user: &users::User,
) -> Result<String, AppError> {
    if !sending::to_recipient(conn, settings, (Kind::SetPasswordLink, Recipient::To(&user.email)))? {
        return Err(sending::limit_reached("email"));
    }
    send_set_password_link(conn, settings, user)
}

/// `mail_set_password_link` for a caller that has counted the message already.
pub(crate) fn send_set_password_link(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    user: &users::User,
) -> Result<String, AppError> {
    let token = codes::new_link_token();
    let hash = codes::link_hash(&settings.keys.codes(), Purpose::SetPassword, &token);
    let ttl = settings.set_password_link_seconds;
    let link = format!("{}/set-password?token={token}", settings.public_url.trim_end_matches('/'));
    let locale = crate::i18n::Locale::ZhTw;
    let mail = crate::auth::mail::set_password_link(locale, &user.display_name, &user.username, &link, ttl / 3600);
    stored::replace(conn, user.id, Purpose::SetPassword, &hash, now(), ttl)?;
    crate::db::outbox::enqueue(
        conn,
        crate::db::outbox::Channel::Email,
        &user.email,
        mail.template,
        &mail.subject,
        &mail.body,
        now(),
    )?;
    Ok(link)
}
