//! Step two: the authenticator code. Wrong codes count like wrong passwords.

use crate::{
    accounts::{check_totp_code, AuditEvent, AuditOutcome, FactorKind, SignInNext},
    auth::{lockout, session, totp, RequestInfo},
    db::{factors, failures, now, sessions, users, write_transaction},
    error::AppError,
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
                let user = &current.user;
                let now = now();
                if let Some(count) = lockout::locked(conn, &user.username_key, now, &settings)? {
                    sessions::delete(conn, &current.session.id_hash)?;
                    session::clear_cookie(&settings, &info);
                    super::audit(
                        conn,
                        &info,
                        AuditEvent::SecondFactor,
                        AuditOutcome::Refused,
                        Some(user),
                        &user.username,
                        |r| r.method = Some("totp"),
                    )?;
                    return Ok(Err(lockout::failure(count, &settings)));
                }
                let factor = factors::for_user(conn, user.id)?.into_iter().find(|f| f.kind() == Some(FactorKind::Totp));
                let Some(factor) = factor else {
                    return Ok(Err(AppError::Unauthorized));
                };
                let step = factor.secret.as_deref().and_then(|secret| totp::matching_step(secret, &code, now));
                let accepted = match step {
                    Some(step) => factors::accept_step(conn, factor.id, step)?,
                    None => false,
                };
                if !accepted {
                    // At the lock, this half-finished sign-in is over; the next try starts again.
                    let error = super::failed_attempt(
                        conn,
                        &info,
                        &settings,
                        &user.username_key,
                        Some(user),
                        &user.username,
                        AuditEvent::SecondFactor,
                        "totp",
                        Some(&current.session.id_hash),
                    )?;
                    return Ok(Err(error));
                }
                failures::clear(conn, &user.username_key)?;
                session::rotate(conn, &settings, &info, &current, session::STAGE_FULL)?;
                users::record_sign_in(conn, user.id)?;
                super::audit(
                    conn,
                    &info,
                    AuditEvent::SecondFactor,
                    AuditOutcome::Success,
                    Some(user),
                    &user.username,
                    |r| r.method = Some("totp"),
                )?;
                Ok(Ok(if session::password_expired(&settings, user, now) {
                    SignInNext::ChangePassword
                } else {
                    SignInNext::Home
                }))
            })
        })
        .await?
}
