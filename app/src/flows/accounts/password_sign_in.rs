//! 停用帳號密碼登入 (SPEC §3): a signed-in user with a passkey or a linked Google account turns
//! password sign-in off, and later back on with a new password. With a key, turning it off is
//! confirmed by signing in password-free with one of the account's own passkeys right then, so
//! nobody is left with a key that cannot sign in alone. While off, the password is forgotten
//! (its hash stays in the history only), sign-in, 忘記密碼 and 重設登入綁定 refuse the password
//! path, and the 90-day change does not apply. Each change is audited, mailed, and ends the
//! account's other sessions.

use webauthn_rs::prelude::PublicKeyCredential;

use super::factors::keys::{read, relying_party};
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome, FactorKind},
    auth::RequestInfo,
    db::{factors, users},
    error::AppError,
    flows::{
        session,
        work::{Services, Work},
    },
    i18n::Msg,
};

/// Turns password sign-in off. With keys bound, `credential` is the answer of one of the
/// account's passkeys to the open ceremony `token` (a wrong one counts toward the lock), so that
/// a key is seen to sign in alone. With only a Google account linked (both empty), the
/// session's fresh verification confirms it: sign-in is then Google and the code.
pub async fn disable(
    services: &Services,
    info: RequestInfo,
    token: String,
    credential: String,
) -> Result<(), AppError> {
    if token.is_empty() && credential.is_empty() {
        return disable_for_google(services, info).await;
    }
    let credential: PublicKeyCredential = read(&credential)?;
    let rp = relying_party(services)?;
    let current = session::require_full(services, &info).await?;
    if !current.user.password_sign_in {
        return Ok(());
    }
    services
        .write(&info, move |work| {
            let user = &current.user;
            // Under the account's lock, like the removal of a key (`bind_key::remove`).
            if !users::locked(work.conn, user.id)?.password_sign_in {
                return Ok(());
            }
            let expected = (user, current.session.id_hash.as_str());
            let event = AuditEvent::PasswordSignInDisabled;
            let (_, label) = super::factors::passkey::prove(work, &rp, (&token, &credential), Some(expected), event)?;
            turn_off(work, &current, AuditMethod::SecurityKey, &label)?;
            Ok(())
        })
        .await
}

async fn disable_for_google(services: &Services, info: RequestInfo) -> Result<(), AppError> {
    let current = session::require_fresh(services, &info).await?;
    services
        .write(&info, move |work| {
            let user = &current.user;
            if !users::locked(work.conn, user.id)?.password_sign_in {
                return Ok(());
            }
            let bound = factors::for_user(work.conn, user.id)?;
            let Some(google) = bound.iter().find(|f| f.kind == FactorKind::Google) else {
                return Err(AppError::invalid("password_sign_in", Msg::PasswordSignInNeedsKey).into());
            };
            if bound.iter().any(|f| f.kind == FactorKind::SecurityKey) {
                // With a key, the key confirms (above): it must be seen to sign in alone.
                return Err(AppError::BadRequest.into());
            }
            turn_off(work, &current, AuditMethod::Google, &google.label)?;
            Ok(())
        })
        .await
}

/// Password sign-in off: recorded, and told like every credential change.
fn turn_off(work: &mut Work, current: &session::Current, method: AuditMethod, detail: &str) -> Result<(), AppError> {
    let user = &current.user;
    users::set_password_sign_in(work.conn, user.id, false)?;
    work.audit(AuditEvent::PasswordSignInDisabled, AuditOutcome::Success)
        .subject(user)
        .method(method)
        .detail(detail)
        .write()?;
    super::notice::credential_changed(work, user, Msg::ChangePasswordSignInOff, Some(&current.session.id_hash))
}

/// Turns password sign-in back on with a new password (SPEC: turning the setting off forces a
/// new password), checked like any new one; needs a fresh verification.
pub async fn enable(services: &Services, info: RequestInfo, password: String, confirm: String) -> Result<(), AppError> {
    let current = session::require_fresh(services, &info).await?;
    if current.user.password_sign_in {
        return Ok(());
    }
    let slot = services.hasher.admit(&info.ip)?;
    let hash = super::password::new_hash(services, &slot, &current.user, &password, &confirm).await?;
    drop(slot);
    services
        .write(&info, move |work| {
            let user = &current.user;
            users::set_password(work.conn, user.id, &hash)?;
            users::set_password_sign_in(work.conn, user.id, true)?;
            work.audit(AuditEvent::PasswordSignInEnabled, AuditOutcome::Success)
                .subject(user)
                .method(AuditMethod::Password)
                .write()?;
            super::notice::credential_changed(work, user, Msg::ChangePasswordSignInOn, Some(&current.session.id_hash))?;
            Ok(())
        })
        .await
}
