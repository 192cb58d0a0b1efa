//! 停用帳號密碼登入 (SPEC §3): a signed-in user with a passkey or a linked Google account turns
//! password sign-in off, and later back on with a new password. With a key, turning it off is
//! confirmed by signing in password-free with one of the account's own passkeys right then, so
//! nobody is left with a key that cannot sign in alone. While off, the password is forgotten
//! (its hash stays in the history only), sign-in, 忘記密碼 and 重設登入綁定 refuse the password
//! path, and the 90-day change does not apply. Each change is audited, mailed, and ends the
//! account's other sessions.

use webauthn_rs::prelude::PublicKeyCredential;

use super::keys::{read, relying_party};
use crate::{
    accounts::{AuditEvent, AuditOutcome, FactorKind},
    auth::RequestInfo,
    db::{factors, users, write_transaction, AnyConnection},
    error::AppError,
    flows::session,
    i18n::Msg,
    state::AppState,
};

/// Turns password sign-in off. With keys bound, `credential` is the answer of one of the
/// account's passkeys to the open ceremony `token` (a wrong one counts toward the lock), so that
/// a key is seen to sign in alone. With only a Google account linked (both empty), the
/// session's fresh verification confirms it: sign-in is then Google and the code.
pub async fn disable(state: &AppState, info: RequestInfo, token: String, credential: String) -> Result<(), AppError> {
    if token.is_empty() && credential.is_empty() {
        return disable_for_google(state, info).await;
    }
    let credential: PublicKeyCredential = read(&credential)?;
    let rp = relying_party(state)?;
    let current = session::require_full(state, &info).await?;
    if !current.user.password_sign_in {
        return Ok(());
    }
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let user = &current.user;
                // Under the account's lock, like the removal of a key (`bind_key::remove`).
                if !users::locked(conn, user.id)?.password_sign_in {
                    return Ok(Ok(()));
                }
                let expected = (user, current.session.id_hash.as_str());
                let event = AuditEvent::PasswordSignInDisabled;
                let proved =
                    super::passkey::prove(conn, (&rp, &settings, &info), &token, &credential, Some(expected), event)?;
                let label = match proved {
                    Ok((_, label)) => label,
                    Err(refused) => return Ok(Err(refused)),
                };
                turn_off(conn, &info, &current, "security_key", &label)?;
                Ok(Ok(()))
            })
        })
        .await?
}

async fn disable_for_google(state: &AppState, info: RequestInfo) -> Result<(), AppError> {
    let current = session::require_fresh(state, &info).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let user = &current.user;
                if !users::locked(conn, user.id)?.password_sign_in {
                    return Ok(());
                }
                let bound = factors::for_user(conn, user.id)?;
                let Some(google) = bound.iter().find(|f| f.kind == FactorKind::Google) else {
                    return Err(AppError::invalid("password_sign_in", Msg::PasswordSignInNeedsKey));
                };
                if bound.iter().any(|f| f.kind == FactorKind::SecurityKey) {
                    // With a key, the key confirms (above): it must be seen to sign in alone.
                    return Err(AppError::BadRequest);
                }
                turn_off(conn, &info, &current, "google", &google.label)
            })
        })
        .await
}

/// Password sign-in off: recorded, and told like every credential change.
fn turn_off(
    conn: &mut AnyConnection,
    info: &RequestInfo,
    current: &session::Current,
    method: &'static str,
    detail: &str,
) -> Result<(), AppError> {
    let user = &current.user;
    users::set_password_sign_in(conn, user.id, false)?;
    super::own(conn, info, user, (AuditEvent::PasswordSignInDisabled, AuditOutcome::Success), method, detail)?;
    super::notice::credential_changed(conn, info, user, Msg::ChangePasswordSignInOff, Some(&current.session.id_hash))
}

/// Turns password sign-in back on with a new password (SPEC: turning the setting off forces a
/// new password), checked like any new one; needs a fresh verification.
pub async fn enable(state: &AppState, info: RequestInfo, password: String, confirm: String) -> Result<(), AppError> {
    let current = session::require_fresh(state, &info).await?;
    if current.user.password_sign_in {
        return Ok(());
    }
    let slot = state.hasher.admit(&info.ip)?;
    let hash = super::password::new_hash(state, &slot, &current.user, &password, &confirm).await?;
    drop(slot);
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let user = &current.user;
                users::set_password(conn, user.id, &hash)?;
                users::set_password_sign_in(conn, user.id, true)?;
                let event = (AuditEvent::PasswordSignInEnabled, AuditOutcome::Success);
                super::own(conn, &info, user, event, "password", "")?;
                super::notice::credential_changed(
                    conn,
                    &info,
                    user,
                    Msg::ChangePasswordSignInOn,
                    Some(&current.session.id_hash),
                )
            })
        })
        .await
}
