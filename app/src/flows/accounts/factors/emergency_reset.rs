//! 重設登入綁定: the phone with the authenticator is lost. Half-way through a sign-in (the
//! password proved), the account's verified email and a CAPTCHA get an emergency code by mail
//! (`KX-125770`, 5 minutes, a new one voids the older); the code deletes every binding, ends
//! every other session, tells the owner, and the sign-in goes on to binding again. Wrong codes
//! count toward the lock like wrong authenticator codes. Only after the password itself was
//! proved in this sign-in: never from a Google step, not while password sign-in is off, not
//! for an account with only a security key; then an administrator helps (SPEC §3).

use crate::flows::accounts::attempt::{at_field, Attempt};
use crate::{
    accounts::{check_emergency_code, mask_email, AuditEvent, AuditMethod, AuditOutcome, BindingResetSent, SignInNext},
    auth::{captcha, codes, mail, RequestInfo},
    db::{
        codes::{self as stored, Purpose},
        factors, now,
        outbox::{self, Channel},
        users::User,
        AnyConnection,
    },
    error::AppError,
    flows::{
        sending::{self, may_send, Kind, Recipient},
        session,
        work::{refuse, Services, Work},
    },
    i18n::Msg,
};

/// How long an emergency code lives (SPEC §3: 5 minutes, with a countdown on the page).
pub const EMERGENCY_SECONDS: i64 = 300;

/// The session half-way through a sign-in; a signed-in one has its own 登入設定.
async fn half_signed_in(services: &Services, info: &RequestInfo) -> Result<session::Current, AppError> {
    let current = session::require_any(services, info).await?;
    if current.is_full() {
        return Err(AppError::Forbidden);
    }
    Ok(current)
}

/// Mails an emergency code to the account's email, when `email` is that address. The answer
/// is the same whether or not it is: whoever has the password alone learns nothing of the
/// address (the code, and so the truth, goes only to the right mailbox).
pub async fn request(
    services: &Services,
    info: RequestInfo,
    email: String,
    captcha_answer: String,
) -> Result<BindingResetSent, AppError> {
    if email.trim().is_empty() {
        return Err(AppError::invalid("email", Msg::FieldRequired));
    }
    let current = half_signed_in(services, &info).await?;
    // Said before the CAPTCHA is asked for: nothing typed changes it.
    let asking = current.clone();
    if let Some(refusal) = services.read(move |conn| offered(conn, &asking)).await? {
        return Err(AppError::invalid("email", refusal));
    }
    captcha::verify(&services.pool, &services.settings, &captcha_answer).await?;
    let key = services.settings.keys.codes();
    services
        .write(&info, move |work| {
            let user = &current.user;
            if let Some(refusal) = offered(work.conn, &current)? {
                requested(work, user, AuditOutcome::Refused, "not offered at this step")?;
                return refuse(AppError::invalid("email", refusal));
            }
            let typed = email.trim();
            let right = user.email.trim().eq_ignore_ascii_case(typed);
            let recipient = if right { Recipient::To(&user.email) } else { Recipient::Unmatched(typed) };
            if !may_send(work.conn, work.settings, work.info, (Kind::EmergencyCode, recipient))? {
                requested(work, user, AuditOutcome::Refused, "sending limit")?;
                return refuse(sending::limit_reached("email"));
            }
            let (letters, digits) = codes::new_emergency_code();
            let sent =
                BindingResetSent { letters, email: mask_email(&typed.to_lowercase()), seconds: EMERGENCY_SECONDS };
            if !right {
                requested(work, user, AuditOutcome::Failure, "another address")?;
                return Ok(sent);
            }
            let now = now();
            let hash = codes::code_hash(&key, Purpose::ResetBinding, user.id, &digits);
            stored::replace(work.conn, user.id, Purpose::ResetBinding, &hash, now, EMERGENCY_SECONDS)?;
            let m = mail::emergency_code(
                work.info.locale,
                &user.display_name,
                &user.username,
                &sent.letters,
                &digits,
                EMERGENCY_SECONDS / 60,
            );
            outbox::enqueue(work.conn, Channel::Email, &user.email, m.template, &m.subject, &m.body, now)?;
            requested(work, user, AuditOutcome::Success, &sent.letters)?;
            Ok(sent)
        })
        .await
}

/// The audit of a request for an emergency code.
fn requested(work: &mut Work, user: &User, outcome: AuditOutcome, detail: &str) -> Result<(), AppError> {
    work.audit(AuditEvent::BindingResetRequested, outcome)
        .subject(user)
        .method(AuditMethod::EmailCode)
        .detail(detail)
        .write()
}

/// Why this half-finished sign-in may not reset the bindings, if it may not: the password was
/// not proved in it (a Google step), password sign-in is off, or no authenticator is bound.
/// Asked again at the code's confirmation, so that a code read from the mailbox opens nothing
/// on a session that could not have asked for it.
fn offered(conn: &mut AnyConnection, current: &session::Current) -> Result<Option<Msg>, AppError> {
    Ok(current.emergency_reset(&factors::for_user(conn, current.user.id)?).refusal())
}

/// The emergency code: every binding is deleted, the account's other sessions end, the owner
/// is told, and this session goes on to bind an authenticator again.
pub async fn confirm(services: &Services, info: RequestInfo, code: String) -> Result<SignInNext, AppError> {
    let digits = check_emergency_code(&code)?;
    let current = half_signed_in(services, &info).await?;
    let key = services.settings.keys.codes();
    services
        .write(&info, move |work| {
            let user = &current.user;
            if let Some(refusal) = offered(work.conn, &current)? {
                return Err(AppError::invalid("code", refusal).into());
            }
            let attempt = Attempt::of(user, AuditEvent::FactorsReset, AuditMethod::EmailCode);
            attempt
                .check(work, Some(&current.session.id_hash), |work| {
                    let hash = codes::code_hash(&key, Purpose::ResetBinding, user.id, &digits);
                    Ok(match stored::live(work.conn, user.id, Purpose::ResetBinding, now())? {
                        Some(live) if crate::auth::same(&hash, &live.code_hash) => {
                            stored::consume(work.conn, live.id, now())?.then_some(())
                        }
                        _ => None,
                    })
                })
                .map_err(|stop| stop.map(|e| at_field("code", e)))?;
            factors::delete_all(work.conn, user.id)?;
            crate::flows::accounts::notice::credential_changed(
                work,
                user,
                Msg::ChangeBindingReset,
                Some(&current.session.id_hash),
            )?;
            work.audit(AuditEvent::FactorsReset, AuditOutcome::Success)
                .subject(user)
                .method(AuditMethod::EmailCode)
                .write()?;
            Ok(SignInNext::BindFactor)
        })
        .await
}
