//! 忘記密碼 (step one) and 忘記帳號. Both answer the same whether or not anything matched;
//! what the user learns arrives only in the mailbox of the account's email. Sending is limited
//! per mailbox and per client address, with the same answer when the limit refuses, so that
//! nobody can flood a mailbox or buy guesses with new codes; a request that matched no one
//! does not spend the owner's allowance (`sending`).

use crate::flows::sending::{may_send, Kind, Recipient};
use crate::{
    accounts::{check_username, username_key, AuditEvent, AuditOutcome},
    auth::{captcha, codes, mail, RequestInfo},
    db::{
        codes::{self as stored, Purpose},
        now,
        outbox::{self, Channel},
        users::{self, User},
        write_transaction,
    },
    error::AppError,
    i18n::Msg,
    state::AppState,
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
    state: &AppState,
    (name, username, email): (&str, &str, &str),
    captcha_answer: &str,
) -> Result<(), AppError> {
    required("name", name)?;
    check_username(username)?;
    check_email(email)?;
    captcha::verify(&state.pool, &state.auth, captcha_answer).await
}

/// Whether the name and email given are the account's own.
fn claimed(user: &User, name: &str, email: &str) -> bool {
    user.display_name.trim() == name.trim() && user.email.trim().eq_ignore_ascii_case(email.trim())
}

/// Name, username and email (and the CAPTCHA). When all three match an active account, an
/// 8-digit code goes to its email, replacing any earlier one.
pub async fn request_reset(
    state: &AppState,
    info: RequestInfo,
    name: String,
    username: String,
    email: String,
    captcha_answer: String,
) -> Result<(), AppError> {
    check_claim(state, (&name, &username, &email), &captcha_answer).await?;
    let key = state.auth.keys.codes();
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            let uname = username_key(&username);
            let user =
                users::find_by_key(conn, &uname)?.filter(|u: &User| u.uses_password() && claimed(u, &name, &email));
            write_transaction(conn, |conn| {
                let Some(user) = &user else {
                    // Counted against this client and the address typed, never against the
                    // account's own mailbox (the answer is the same either way).
                    may_send(conn, &settings, &info, (Kind::PasswordReset, Recipient::Unmatched(&email)))?;
                    return super::audit(
                        conn,
                        &info,
                        AuditEvent::PasswordResetRequested,
                        AuditOutcome::Failure,
                        None,
                        &uname,
                        |_| {},
                    );
                };
                let now = now();
                let spent = stored::recent_wrong_tries(
                    conn,
                    user.id,
                    Purpose::ResetPassword,
                    now,
                    settings.reset_code_seconds,
                )? >= settings.code_attempts;
                if !may_send(conn, &settings, &info, (Kind::PasswordReset, Recipient::To(&user.email)))? || spent {
                    let detail = if spent { "no tries left" } else { "sending limit" };
                    return super::audit(
                        conn,
                        &info,
                        AuditEvent::PasswordResetRequested,
                        AuditOutcome::Refused,
                        Some(user),
                        &user.username,
                        |r| r.detail = detail.into(),
                    );
                }
                let code = codes::new_numeric_code();
                let hash = codes::code_hash(&key, Purpose::ResetPassword, user.id, &code);
                stored::replace(conn, user.id, Purpose::ResetPassword, &hash, now, settings.reset_code_seconds)?;
                let m = mail::reset_code(info.locale, &user.display_name, &code, settings.reset_code_seconds / 60);
                outbox::enqueue(conn, Channel::Email, &user.email, m.template, &m.subject, &m.body, now)?;
                super::audit(
                    conn,
                    &info,
                    AuditEvent::PasswordResetRequested,
                    AuditOutcome::Success,
                    Some(user),
                    &user.username,
                    |_| {},
                )
            })
        })
        .await
}

/// Sends the usernames registered with `email` to that address.
pub async fn remind_username(
    state: &AppState,
    info: RequestInfo,
    email: String,
    captcha_answer: String,
) -> Result<(), AppError> {
    check_email(&email)?;
    captcha::verify(&state.pool, &state.auth, &captcha_answer).await?;
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            let accounts = users::find_by_email(conn, &email)?;
            write_transaction(conn, |conn| {
                let Some(first) = accounts.first() else {
                    may_send(conn, &settings, &info, (Kind::Usernames, Recipient::Unmatched(&email)))?;
                    return Ok(());
                };
                let allowed = may_send(conn, &settings, &info, (Kind::Usernames, Recipient::To(&first.email)))?;
                if !allowed {
                    for user in &accounts {
                        super::audit(
                            conn,
                            &info,
                            AuditEvent::UsernameReminder,
                            AuditOutcome::Refused,
                            Some(user),
                            &user.username,
                            |r| r.detail = "sending limit".into(),
                        )?;
                    }
                    return Ok(());
                }
                let names: Vec<String> = accounts.iter().map(|u| u.username.clone()).collect();
                let m = mail::usernames(info.locale, &names);
                outbox::enqueue(conn, Channel::Email, &first.email, m.template, &m.subject, &m.body, now())?;
                for user in &accounts {
                    super::audit(
                        conn,
                        &info,
                        AuditEvent::UsernameReminder,
                        AuditOutcome::Success,
                        Some(user),
                        &user.username,
                        |_| {},
                    )?;
                }
                Ok(())
            })
        })
        .await
}

/// 補寄驗證信 (SPEC §4), by the holder: name, username and email (and the CAPTCHA). When all
/// three match an active account whose password was never set, a new set-password link goes
/// to its email and the older one stops working. The answer is the same whatever matched, and
/// sending is limited as for 忘記密碼.
pub async fn resend_link(
    state: &AppState,
    info: RequestInfo,
    name: String,
    username: String,
    email: String,
    captcha_answer: String,
) -> Result<(), AppError> {
    check_claim(state, (&name, &username, &email), &captcha_answer).await?;
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            let uname = username_key(&username);
            let user = users::find_by_key(conn, &uname)?
                .filter(|u: &User| u.is_active() && u.awaits_password() && claimed(u, &name, &email));
            write_transaction(conn, |conn| {
                // A request that matched no one is counted apart from the owner's mailbox.
                let recipient = user.as_ref().map_or(Recipient::Unmatched(&email), |u| Recipient::To(&u.email));
                let allowed = may_send(conn, &settings, &info, (Kind::SetPasswordLink, recipient))?;
                let (outcome, detail) = match &user {
                    Some(user) if allowed => {
                        super::admin::send_set_password_link(conn, &settings, user)?;
                        (AuditOutcome::Success, "by its holder")
                    }
                    Some(_) => (AuditOutcome::Refused, "sending limit"),
                    None => (AuditOutcome::Failure, "no match"),
                };
                let username = user.as_ref().map_or(uname.as_str(), |u| u.username.as_str());
                super::audit(conn, &info, AuditEvent::SetPasswordLinkSent, outcome, user.as_ref(), username, |r| {
                    r.method = Some("self");
                    r.detail = detail.into();
                })
            })
        })
        .await
}
