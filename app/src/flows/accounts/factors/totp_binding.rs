//! Binding an authenticator app: offer a new secret, confirm it with a current code.

use crate::flows::accounts::attempt::{at_field, Attempt};
use crate::{
    accounts::{check_totp_code, AuditEvent, AuditMethod, AuditOutcome, SignInNext, TotpOffer},
    auth::{totp, RequestInfo},
    db::{factors, now, sessions},
    error::AppError,
    flows::{session, work::Services},
    i18n::Msg,
};

const ISSUER: &str = "Gatehouse";

/// A fresh secret for this page view, kept on the session until confirmed. Open to a session
/// that has no factor yet, and to a signed-in one that has just verified again (rebinding).
pub async fn offer(services: &Services, info: RequestInfo) -> Result<TotpOffer, AppError> {
    let secret = totp::new_secret();
    // One connection for the whole check-and-store.
    let offered = secret.clone();
    let account = services
        .run(&info, move |work| {
            let current = session::current(work)?.ok_or(AppError::Unauthorized)?;
            may_bind(&current, !factors::for_user(work.conn, current.user.id)?.is_empty())?;
            // Sealed, like a bound secret: a copy of the sessions table binds nothing.
            let sealed = work.settings.keys.seal(current.user.id, &offered).ok_or(AppError::Internal)?;
            sessions::set_pending_secret(work.conn, &current.session.id_hash, Some(&sealed))?;
            Ok(current.user.username)
        })
        .await?;
    let uri = totp::otpauth_uri(ISSUER, &account, &secret);
    let qr = totp::qr_data_uri(&uri).ok_or(AppError::Internal)?;
    let grouped =
        secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ");
    Ok(TotpOffer { secret_grouped: grouped, uri, qr })
}

/// Who may bind now: a session with no factor yet (the forced binding after the password), or
/// a full one that proved a bound factor in the last minutes (rebinding is a credential
/// change: a stolen session alone must not replace the owner's authenticator).
fn may_bind(current: &session::Current, has_factor: bool) -> Result<(), AppError> {
    if !has_factor {
        return Ok(());
    }
    if !current.is_full() {
        return Err(AppError::Unauthorized);
    }
    if !current.freshly_verified(now()) {
        return Err(AppError::StepUpRequired);
    }
    Ok(())
}

/// Confirms the offered secret with a current code. The code's step is stored as used, so
/// the same code cannot then sign in. Wrong codes count as failed attempts. The first binding
/// completes the sign-in; every binding ends the account's other sessions and is mailed.
pub async fn confirm(services: &Services, info: RequestInfo, code: String) -> Result<SignInNext, AppError> {
    let code = check_totp_code(&code)?;
    let current = session::require_any(services, &info).await?;
    services
        .write(&info, move |work| {
            let user = &current.user;
            let has_factor = !factors::for_user(work.conn, user.id)?.is_empty();
            may_bind(&current, has_factor)?;
            let pending = current.session.pending_secret.as_deref().and_then(|p| work.settings.keys.open(user.id, p));
            let Some(secret) = pending else {
                return Err(AppError::invalid("code", Msg::BindExpired).into());
            };
            let attempt = Attempt::of(user, AuditEvent::FactorBound, AuditMethod::Totp);
            let step = attempt
                .check(work, Some(&current.session.id_hash), |_| Ok(totp::matching_step(&secret, &code, now())))
                .map_err(|stop| stop.map(|e| at_field("code", e)))?;
            let sealed = work.settings.keys.seal(user.id, &secret).ok_or(AppError::Internal)?;
            factors::insert_totp(work.conn, user.id, &sealed, step)?;
            work.audit(AuditEvent::FactorBound, AuditOutcome::Success)
                .subject(user)
                .method(AuditMethod::Totp)
                .write()?;
            crate::flows::accounts::notice::credential_changed(
                work,
                user,
                Msg::ChangeFactorBound,
                Some(&current.session.id_hash),
            )?;
            if current.is_full() {
                // A rebinding proves the new factor: a new session id, freshly verified.
                session::verified(work, &current, crate::provider::SecondFactor::Totp)?;
                Ok(SignInNext::Home)
            } else {
                Ok(crate::flows::accounts::sign_in::complete(work, &current, crate::provider::SecondFactor::Totp)?)
            }
        })
        .await
}
