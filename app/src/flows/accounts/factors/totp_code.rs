//! Step two: the authenticator code. Wrong codes count like wrong passwords, and the count
//! they leave is cleared only when a code completes the sign-in.

use crate::flows::accounts::attempt::{at_field, Attempt};
use crate::{
    accounts::{check_totp_code, AuditEvent, AuditMethod, AuditOutcome, FactorKind, SignInNext},
    auth::{totp, RequestInfo},
    db::{factors, now},
    error::AppError,
    flows::{
        session,
        work::{Done, Services, Work},
    },
};

pub async fn verify_code(services: &Services, info: RequestInfo, code: String) -> Result<SignInNext, AppError> {
    let code = check_totp_code(&code)?;
    let current = session::require_any(services, &info).await?;
    if current.is_full() {
        return Ok(SignInNext::Home);
    }
    services
        .write(&info, move |work| {
            check_code(work, &current, &code, AuditEvent::SecondFactor)?;
            let next = crate::flows::accounts::sign_in::complete(work, &current, crate::provider::SecondFactor::Totp)?;
            work.audit(AuditEvent::SecondFactor, AuditOutcome::Success)
                .subject(&current.user)
                .method(AuditMethod::Totp)
                .write()?;
            Ok(next)
        })
        .await
}

/// Checks an authenticator code of `current`'s user as one attempt under the lockout (the
/// sign-in's second step, and the step-up before a credential change). A code is accepted
/// once: its time step is stored and only newer ones pass. A wrong code that locks the
/// account ends the session it came from.
pub(crate) fn check_code(work: &mut Work, current: &session::Current, code: &str, event: AuditEvent) -> Done<()> {
    let user = &current.user;
    let attempt = Attempt::of(user, event, AuditMethod::Totp);
    attempt.check(work, Some(&current.session.id_hash), |work| {
        let factor = factors::for_user(work.conn, user.id)?.into_iter().find(|f| f.kind == FactorKind::Totp);
        let matched = factor.as_ref().and_then(|f| {
            let secret = work.settings.keys.open(user.id, f.secret.as_deref()?)?;
            Some((f.id, totp::matching_step(&secret, code, now())?))
        });
        Ok(match matched {
            Some((id, step)) => factors::accept_step(work.conn, id, step)?.then_some(()),
            None => None,
        })
    })
}

/// 再次驗證: a signed-in user proves the authenticator again before changing a credential.
/// The session gets a new id and counts as freshly verified for `session::STEP_UP_SECONDS`.
pub async fn step_up(services: &Services, info: RequestInfo, code: String) -> Result<(), AppError> {
    let code = check_totp_code(&code)?;
    let current = session::require_full(services, &info).await?;
    services
        .write(&info, move |work| {
            check_code(work, &current, &code, AuditEvent::StepUp).map_err(|stop| stop.map(|e| at_field("code", e)))?;
            session::verified(work, &current, crate::provider::SecondFactor::Totp)?;
            work.audit(AuditEvent::StepUp, AuditOutcome::Success)
                .subject(&current.user)
                .method(AuditMethod::Totp)
                .write()?;
            Ok(())
        })
        .await
}
