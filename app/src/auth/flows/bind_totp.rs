//! Binding an authenticator app: offer a new secret, confirm it with a current code.

use crate::{
    accounts::{check_totp_code, AuditEvent, AuditOutcome, SignInNext, TotpOffer},
    auth::{lockout, session, totp, RequestInfo},
    db::{factors, failures, now, sessions, users, write_transaction},
    error::AppError,
    i18n::Msg,
    state::AppState,
};

const ISSUER: &str = "Gatehouse";

/// A fresh secret for this page view, kept on the session until confirmed. Open to a session
/// that has no factor yet, and to a signed-in one (rebinding).
pub async fn offer(state: &AppState, info: RequestInfo) -> Result<TotpOffer, AppError> {
    let secret = totp::new_secret();
    let settings = state.auth.clone();
    // One connection for the whole check-and-store.
    let account = state
        .pool
        .run({
            let secret = secret.clone();
            move |conn| {
                let current = session::current(conn, &settings, &info)?.ok_or(AppError::Unauthorized)?;
                if !session_may_bind(&current, !factors::for_user(conn, current.user.id)?.is_empty()) {
                    return Err(AppError::Unauthorized);
                }
                sessions::set_pending_secret(conn, &current.session.id_hash, Some(&secret))?;
                Ok(current.user.username)
            }
        })
        .await?;
    let uri = totp::otpauth_uri(ISSUER, &account, &secret);
    let qr = totp::qr_data_uri(&uri).ok_or(AppError::Internal)?;
    let grouped =
        secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ");
    Ok(TotpOffer { secret_grouped: grouped, uri, qr })
}

/// A half signed-in session may bind only while it has no factor: otherwise a stolen password
/// could replace the owner's authenticator.
fn session_may_bind(current: &session::Current, has_factor: bool) -> bool {
    current.is_full() || !has_factor
}

/// Confirms the offered secret with a current code. The code's step is stored as used, so
/// the same code cannot then sign in. Wrong codes count as failed sign-ins.
pub async fn confirm(state: &AppState, info: RequestInfo, code: String) -> Result<SignInNext, AppError> {
    let code = check_totp_code(&code)?;
    let current = session::require_any(state, &info).await?;
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let user = &current.user;
                let now = now();
                let has_factor = !factors::for_user(conn, user.id)?.is_empty();
                if !session_may_bind(&current, has_factor) {
                    return Ok(Err(AppError::Unauthorized));
                }
                if let Some(count) = lockout::locked(conn, &user.username_key, now, &settings)? {
                    return Ok(Err(lockout::failure(count, &settings)));
                }
                let Some(secret) = current.session.pending_secret.clone() else {
                    return Ok(Err(AppError::invalid("code", Msg::BindExpired)));
                };
                let Some(step) = totp::matching_step(&secret, &code, now) else {
                    let error = super::failed_attempt(
                        conn,
                        &info,
                        &settings,
                        &user.username_key,
                        Some(user),
                        &user.username,
                        AuditEvent::FactorBound,
                        "totp",
                        Some(&current.session.id_hash),
                    )?;
                    // Said at the code field, with the count, so the user knows what to fix.
                    return Ok(Err(match error {
                        AppError::Invalid { message, .. } => AppError::Invalid { field: "code".into(), message },
                        other => other,
                    }));
                };
                factors::insert_totp(conn, user.id, &secret, step)?;
                failures::clear(conn, &user.username_key)?;
                super::audit(
                    conn,
                    &info,
                    AuditEvent::FactorBound,
                    AuditOutcome::Success,
                    Some(user),
                    &user.username,
                    |r| r.method = Some("totp"),
                )?;
                // Binding completes the sign-in: a new session id at this step-up too.
                session::rotate(conn, &settings, &info, &current, session::STAGE_FULL)?;
                if !current.is_full() {
                    users::record_sign_in(conn, user.id)?;
                }
                Ok(Ok(if session::password_expired(&settings, user, now) {
                    SignInNext::ChangePassword
                } else {
                    SignInNext::Home
                }))
            })
        })
        .await?
}
