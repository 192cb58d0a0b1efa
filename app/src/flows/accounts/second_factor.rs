//! Step two: the authenticator code. Wrong codes count like wrong passwords, and the count
//! they leave is cleared only when a code completes the sign-in.

use super::attempt::Attempt;
use crate::{
    accounts::{check_totp_code, AuditEvent, AuditOutcome, FactorKind, SignInNext},
    auth::{totp, AuthSettings, RequestInfo},
    db::{factors, now, write_transaction, AnyConnection},
    error::AppError,
    flows::session,
    state::AppState,
};

pub async fn verify_code(state: &AppState, info: RequestInfo, code: String) -> Result<SignInNext, AppError> {
    let code = check_totp_code(&code)?;
    let current = session::require_any(state, &info).await?;
    if current.is_full() {
        return Ok(SignInNext::Home);
    }
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                if let Err(refused) = check_code(conn, &settings, &info, &current, &code, AuditEvent::SecondFactor)? {
                    return Ok(Err(refused));
                }
                let next = super::sign_in::complete(conn, &settings, &info, &current)?;
                let user = &current.user;
                super::audit(
                    conn,
                    &info,
                    AuditEvent::SecondFactor,
                    AuditOutcome::Success,
                    Some(user),
                    &user.username,
                    |r| r.method = Some("totp"),
                )?;
                Ok(Ok(next))
            })
        })
        .await?
}

/// Checks an authenticator code of `current`'s user as one attempt under the lockout (the
/// sign-in's second step, and the step-up before a credential change). A code is accepted
/// once: its time step is stored and only newer ones pass. A wrong code that locks the
/// account ends the session it came from. Run inside a write transaction.
pub(crate) fn check_code(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    info: &RequestInfo,
    current: &session::Current,
    code: &str,
    event: AuditEvent,
) -> Result<Result<(), AppError>, AppError> {
    let user = &current.user;
    let attempt = Attempt::of(info, settings, user, event, "totp");
    attempt.check(conn, Some(&current.session.id_hash), |conn| {
        let factor = factors::for_user(conn, user.id)?.into_iter().find(|f| f.kind == FactorKind::Totp);
        let matched = factor.as_ref().and_then(|f| {
            let secret = settings.keys.open(user.id, f.secret.as_deref()?)?;
            Some((f.id, totp::matching_step(&secret, code, now())?))
        });
        Ok(match matched {
            Some((id, step)) => factors::accept_step(conn, id, step)?.then_some(()),
            None => None,
        })
    })
}

/// 再次驗證: a signed-in user proves the authenticator again before changing a credential.
/// The session gets a new id and counts as freshly verified for `session::STEP_UP_SECONDS`.
pub async fn step_up(state: &AppState, info: RequestInfo, code: String) -> Result<(), AppError> {
    let code = check_totp_code(&code)?;
    let current = session::require_full(state, &info).await?;
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                if let Err(refused) = check_code(conn, &settings, &info, &current, &code, AuditEvent::StepUp)? {
                    return Ok(Err(super::attempt::at_field("code", refused)));
                }
                session::verified(conn, &settings, &info, &current)?;
                let user = &current.user;
                super::audit(
                    conn,
                    &info,
                    AuditEvent::StepUp,
                    AuditOutcome::Success,
                    Some(user),
                    &user.username,
                    |r| r.method = Some("totp"),
                )?;
                Ok(Ok(()))
            })
        })
        .await?
}
