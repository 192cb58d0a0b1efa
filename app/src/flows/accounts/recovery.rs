//! 忘記密碼 (step one) and 忘記帳號. Both answer the same whether or not anything matched;
//! what the user learns arrives only in the mailbox of the account's email. Sending is limited
//! per mailbox and per client address, with the same answer when the limit refuses, so that
//! nobody can flood a mailbox or buy guesses with new codes; a request that matched no one
//! does not spend the owner's allowance (`sending`).

use crate::{
    accounts::{check_username, username_key, AuditEvent, AuditMethod, AuditOutcome},
    auth::{captcha, codes, mail, RequestInfo},
    db::{
        codes::{self as stored, Purpose},
        now,
        outbox::{self, Channel},
        users::{self, User},
    },
    error::AppError,
    flows::{
        sending::{may_send, Kind, Recipient},
        work::Services,
    },
    i18n::Msg,
};

fn required(field: &str, value: &str) -> Result<(), AppError> {
    if value.trim().is_empty() {
        Err(AppError::invalid(field, Msg::FieldRequired))
    } else {
        Ok(())
    }
}

fn check_email(email: &str) -> Result<(), AppError> {
    required("email", email)?;
    let e = email.trim();
    match e.split_once('@') {
        Some((local, domain)) if !local.is_empty() && domain.contains('.') && !e.contains(char::is_whitespace) => {
            Ok(())
        }
        _ => Err(AppError::invalid("email", Msg::EmailInvalid)),
    }
}

/// The fields of 忘記密碼 and 補寄驗證信 (name, username, email) and their CAPTCHA.
async fn check_claim(
    services: &Services,
    (name, username, email): (&str, &str, &str),
    captcha_answer: &str,
) -> Result<(), AppError> {
    required("name", name)?;
    check_username(username)?;
    check_email(email)?;
    captcha::verify(&services.pool, &services.settings, captcha_answer).await
}

/// Whether the name and email given are the account's own.
fn claimed(user: &User, name: &str, email: &str) -> bool {
    user.display_name.trim() == name.trim() && user.email.trim().eq_ignore_ascii_case(email.trim())
}

/// Name, username and email (and the CAPTCHA). When all three match an active account, an
/// 8-digit code goes to its email, replacing any earlier one.
pub async fn request_reset(
    services: &Services,
    info: RequestInfo,
    name: String,
    username: String,
    email: String,
    captcha_answer: String,
) -> Result<(), AppError> {
    check_claim(services, (&name, &username, &email), &captcha_answer).await?;
    let key = services.settings.keys.codes();
    services
        .write(&info, move |work| {
            let uname = username_key(&username);
            let user = users::find_by_key(work.conn, &uname)?
                .filter(|u: &User| u.uses_password() && claimed(u, &name, &email));
            let Some(user) = &user else {
                // Counted against this client and the address typed, never against the
                // account's own mailbox (the answer is the same either way).
                may_send(work.conn, work.settings, work.info, (Kind::PasswordReset, Recipient::Unmatched(&email)))?;
                work.audit(AuditEvent::PasswordResetRequested, AuditOutcome::Failure).username(&uname).write()?;
                return Ok(());
            };
            let now = now();
            let settings = work.settings;
            let spent = stored::recent_wrong_tries(
                work.conn,
                user.id,
                Purpose::ResetPassword,
                now,
                settings.reset_code_seconds,
            )? >= settings.code_attempts;
            let allowed = may_send(work.conn, settings, work.info, (Kind::PasswordReset, Recipient::To(&user.email)))?;
            if !allowed || spent {
                let detail = if spent { "no tries left" } else { "sending limit" };
                work.audit(AuditEvent::PasswordResetRequested, AuditOutcome::Refused)
                    .subject(user)
                    .detail(detail)
                    .write()?;
                return Ok(());
            }
            let code = codes::new_numeric_code();
            let hash = codes::code_hash(&key, Purpose::ResetPassword, user.id, &code);
            stored::replace(work.conn, user.id, Purpose::ResetPassword, &hash, now, settings.reset_code_seconds)?;
            let m = mail::reset_code(work.info.locale, &user.display_name, &code, settings.reset_code_seconds / 60);
            outbox::enqueue(work.conn, Channel::Email, &user.email, m.template, &m.subject, &m.body, now)?;
            work.audit(AuditEvent::PasswordResetRequested, AuditOutcome::Success).subject(user).write()?;
            Ok(())
        })
        .await
}

/// Sends the usernames registered with `email` to that address.
pub async fn remind_username(
    services: &Services,
    info: RequestInfo,
    email: String,
    captcha_answer: String,
) -> Result<(), AppError> {
    check_email(&email)?;
    captcha::verify(&services.pool, &services.settings, &captcha_answer).await?;
    services
        .write(&info, move |work| {
            let accounts = users::find_by_email(work.conn, &email)?;
            let Some(first) = accounts.first() else {
                may_send(work.conn, work.settings, work.info, (Kind::Usernames, Recipient::Unmatched(&email)))?;
                return Ok(());
            };
            let allowed =
                may_send(work.conn, work.settings, work.info, (Kind::Usernames, Recipient::To(&first.email)))?;
            if allowed {
                let names: Vec<String> = accounts.iter().map(|u| u.username.clone()).collect();
                let m = mail::usernames(work.info.locale, &names);
                outbox::enqueue(work.conn, Channel::Email, &first.email, m.template, &m.subject, &m.body, now())?;
            }
            for user in &accounts {
                let record = if allowed {
                    work.audit(AuditEvent::UsernameReminder, AuditOutcome::Success)
                } else {
                    work.audit(AuditEvent::UsernameReminder, AuditOutcome::Refused).detail("sending limit")
                };
                record.subject(user).write()?;
            }
            Ok(())
        })
        .await
}

/// 補寄驗證信 (SPEC §4), by the holder: name, username and email (and the CAPTCHA). When all
/// three match an active account whose password was never set, a new set-password link goes
/// to its email and the older one stops working. The answer is the same whatever matched, and
/// sending is limited as for 忘記密碼.
pub async fn resend_link(
    services: &Services,
    info: RequestInfo,
    name: String,
    username: String,
    email: String,
    captcha_answer: String,
) -> Result<(), AppError> {
    check_claim(services, (&name, &username, &email), &captcha_answer).await?;
    services
        .write(&info, move |work| {
            let uname = username_key(&username);
            let user = users::find_by_key(work.conn, &uname)?
                .filter(|u: &User| u.is_active() && u.awaits_password() && claimed(u, &name, &email));
            // A request that matched no one is counted apart from the owner's mailbox.
            let recipient = user.as_ref().map_or(Recipient::Unmatched(&email), |u| Recipient::To(&u.email));
            let allowed = may_send(work.conn, work.settings, work.info, (Kind::SetPasswordLink, recipient))?;
            let (outcome, detail) = match &user {
                Some(user) if allowed => {
                    super::admin::send_set_password_link(work.conn, work.settings, user)?;
                    (AuditOutcome::Success, "by its holder")
                }
                Some(_) => (AuditOutcome::Refused, "sending limit"),
                None => (AuditOutcome::Failure, "no match"),
            };
            let record =
                work.audit(AuditEvent::SetPasswordLinkSent, outcome).method(AuditMethod::ByHolder).detail(detail);
            match &user {
                Some(user) => record.subject(user),
                None => record.username(&uname),
            }
            .write()?;
            Ok(())
        })
        .await
}
