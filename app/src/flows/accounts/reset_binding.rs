//! 重設登入綁定: the phone with the authenticator is lost. Half-way through a sign-in (the
//! password proved), the account's verified email and a CAPTCHA get an emergency code by mail
//! (`KX-125770`, 5 minutes, a new one voids the older); the code deletes every binding, ends
//! every other session, tells the owner, and the sign-in goes on to binding again. Wrong codes
//! count toward the lock like wrong authenticator codes. Only after the password itself was
//! proved in this sign-in: never from a Google step, not while password sign-in is off, not
//! for an account with only a security key; then an administrator helps (SPEC §3).

use super::attempt::{at_field, Attempt};
use crate::{
    accounts::{check_emergency_code, mask_email, AuditEvent, AuditOutcome, BindingResetSent, SignInNext},
    auth::{captcha, codes, mail, RequestInfo},
    db::{
        codes::{self as stored, Purpose},
        factors, now,
        outbox::{self, Channel},
        write_transaction, AnyConnection,
    },
    error::AppError,
    flows::{
        sending::{self, may_send, Kind, Recipient},
        session,
    },
    i18n::Msg,
    state::AppState,
};

/// How long an emergency code lives (SPEC §3: 5 minutes, with a countdown on the page).
pub const EMERGENCY_SECONDS: i64 = 300;

/// The session half-way through a sign-in; a signed-in one has its own 登入設定.
async fn half_signed_in(state: &AppState, info: &RequestInfo) -> Result<session::Current, AppError> {
    let current = session::require_any(state, info).await?;
    if current.is_full() {
        return Err(AppError::Forbidden);
    }
    Ok(current)
}

/// Mails an emergency code to the account's email, when `email` is that address. The answer
/// is the same whether or not it is: whoever has the password alone learns nothing of the
/// address (the code, and so the truth, goes only to the right mailbox).
pub async fn request(
    state: &AppState,
    info: RequestInfo,
    email: String,
    captcha_answer: String,
) -> Result<BindingResetSent, AppError> {
    if email.trim().is_empty() {
        return Err(AppError::invalid("email", Msg::FieldRequired));
    }
    let current = half_signed_in(state, &info).await?;
    // Said before the CAPTCHA is asked for: nothing typed changes it.
    let asking = current.clone();
    if let Some(refusal) = state.pool.run(move |conn| offered(conn, &asking)).await? {
        return Err(AppError::invalid("email", refusal));
    }
    captcha::verify(&state.pool, &state.auth, &captcha_answer).await?;
    let key = state.auth.keys.codes();
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let user = &current.user;
                let audit = |conn: &mut _, outcome, detail: &str| {
                    super::own(conn, &info, user, (AuditEvent::BindingResetRequested, outcome), "email_code", detail)
                };
                if let Some(refusal) = offered(conn, &current)? {
                    audit(conn, AuditOutcome::Refused, "not offered at this step")?;
                    return Ok(Err(AppError::invalid("email", refusal)));
                }
                let typed = email.trim();
                let right = user.email.trim().eq_ignore_ascii_case(typed);
                let recipient = if right { Recipient::To(&user.email) } else { Recipient::Unmatched(typed) };
                if !may_send(conn, &settings, &info, (Kind::EmergencyCode, recipient))? {
                    audit(conn, AuditOutcome::Refused, "sending limit")?;
                    return Ok(Err(sending::limit_reached("email")));
                }
                let (letters, digits) = codes::new_emergency_code();
                let sent =
                    BindingResetSent { letters, email: mask_email(&typed.to_lowercase()), seconds: EMERGENCY_SECONDS };
                if !right {
                    audit(conn, AuditOutcome::Failure, "another address")?;
                    return Ok(Ok(sent));
                }
                let now = now();
                let hash = codes::code_hash(&key, Purpose::ResetBinding, user.id, &digits);
                stored::replace(conn, user.id, Purpose::ResetBinding, &hash, now, EMERGENCY_SECONDS)?;
                let m = mail::emergency_code(
                    info.locale,
                    &user.display_name,
                    &user.username,
                    &sent.letters,
                    &digits,
                    EMERGENCY_SECONDS / 60,
                );
                outbox::enqueue(conn, Channel::Email, &user.email, m.template, &m.subject, &m.body, now)?;
                audit(conn, AuditOutcome::Success, &sent.letters)?;
                Ok(Ok(sent))
            })
        })
        .await?
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
pub async fn confirm(state: &AppState, info: RequestInfo, code: String) -> Result<SignInNext, AppError> {
    let digits = check_emergency_code(&code)?;
    let current = half_signed_in(state, &info).await?;
    let key = state.auth.keys.codes();
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let user = &current.user;
                if let Some(refusal) = offered(conn, &current)? {
                    return Ok(Err(AppError::invalid("code", refusal)));
                }
                let attempt = Attempt::of(&info, &settings, user, AuditEvent::FactorsReset, "email_code");
                let checked = attempt.check(conn, Some(&current.session.id_hash), |conn| {
                    let hash = codes::code_hash(&key, Purpose::ResetBinding, user.id, &digits);
                    Ok(match stored::live(conn, user.id, Purpose::ResetBinding, now())? {
                        Some(live) if crate::auth::same(&hash, &live.code_hash) => {
                            stored::consume(conn, live.id, now())?.then_some(())
                        }
                        _ => None,
                    })
                })?;
                if let Err(refused) = checked {
                    return Ok(Err(at_field("code", refused)));
                }
                factors::delete_all(conn, user.id)?;
                super::notice::credential_changed(
                    conn,
                    &info,
                    user,
                    Msg::ChangeBindingReset,
                    Some(&current.session.id_hash),
                )?;
                super::own(conn, &info, user, (AuditEvent::FactorsReset, AuditOutcome::Success), "email_code", "")?;
                Ok(Ok(SignInNext::BindFactor))
            })
        })
        .await?
}
