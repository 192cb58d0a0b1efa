//! 登入設定: the account's sign-in methods, and binding or removing a security key or passkey.
//! Every step needs a signed-in session that has just proved a bound factor again (a stolen
//! session alone must neither see nor change how the account signs in).

use webauthn_rs::prelude::RegisterPublicKeyCredential;

use super::keys::{
    bound_keys, ceremony_gone, external_id, read, relying_party, write, Ceremony, CEREMONY_SECONDS, MAX_KEYS,
};
use crate::{
    accounts::{check_key_name, AuditEvent, AuditMethod, AuditOutcome, FactorKind, SignInMethod, SignInMethods},
    auth::{webauthn::user_handle, RequestInfo},
    db::{factors, now, users},
    error::AppError,
    flows::{
        session,
        work::{refuse, Services},
    },
    i18n::Msg,
};

pub async fn methods(services: &Services, info: RequestInfo) -> Result<SignInMethods, AppError> {
    let current = session::require_fresh(services, &info).await?;
    let keys_available = services.webauthn.is_some();
    let external = services.oidc.as_ref().map(|p| p.name().to_string());
    services
        .read(move |conn| {
            let methods = factors::for_user(conn, current.user.id)?
                .into_iter()
                .map(|f| SignInMethod {
                    id: f.id,
                    kind: f.kind,
                    label: f.label,
                    created_at: f.created_at,
                    last_used_at: f.last_used_at,
                })
                .collect();
            Ok(SignInMethods { methods, keys_available, password_sign_in: current.user.password_sign_in, external })
        })
        .await
}

/// The browser's instructions for making a new key for this account, named `name`. The keys
/// already bound are excluded (one authenticator, one binding).
pub async fn begin(services: &Services, info: RequestInfo, name: String) -> Result<String, AppError> {
    let name = check_key_name(&name)?;
    let rp = relying_party(services)?;
    let current = session::require_fresh(services, &info).await?;
    services
        .read(move |conn| {
            let keys = bound_keys(conn, current.user.id)?;
            if keys.iter().any(|k| k.label == name) {
                return Err(AppError::invalid("name", Msg::KeyNameTaken));
            }
            if keys.len() >= MAX_KEYS {
                return Err(AppError::invalid("name", Msg::KeysTooMany));
            }
            let user = &current.user;
            let exclude = keys.iter().map(|k| k.passkey.cred_id().clone()).collect();
            let (challenge, registration) = rp
                .start_passkey_registration(user_handle(user.id), &user.username, &user.display_name, Some(exclude))
                .map_err(|e| {
                    tracing::error!(error = %e, "a WebAuthn registration could not start");
                    AppError::Internal
                })?;
            let expires_at = now() + CEREMONY_SECONDS;
            Ceremony::Bind { name, state: registration, expires_at }.put(conn, &current.session.id_hash)?;
            let mut options = serde_json::to_value(&challenge).map_err(|_| AppError::Internal)?;
            // A key that can keep the credential itself (a phone's or computer's passkey, most
            // newer security keys) is asked to: it can then sign in alone, without a username
            // (password-free sign-in). Preferred, not required: any key still serves as the
            // second step. The registration's checks do not depend on it.
            if let Some(selection) = options.pointer_mut("/publicKey/authenticatorSelection") {
                selection["residentKey"] = "preferred".into();
            }
            write(&options)
        })
        .await
}

/// The browser's new key: checked against the ceremony this session began (once), bound, and
/// mailed to the owner. The account's other sessions end, as with every credential change.
pub async fn finish(services: &Services, info: RequestInfo, credential: String) -> Result<(), AppError> {
    let credential: RegisterPublicKeyCredential = read(&credential)?;
    let rp = relying_party(services)?;
    let current = session::require_fresh(services, &info).await?;
    services
        .write(&info, move |work| {
            let user = &current.user;
            let Some(Ceremony::Bind { name, state: registration, .. }) =
                Ceremony::take(work.conn, &current.session.id_hash)?
            else {
                return refuse(ceremony_gone());
            };
            let key = AuditMethod::SecurityKey;
            let passkey = match rp.finish_passkey_registration(&credential, &registration) {
                Ok(passkey) => passkey,
                Err(e) => {
                    work.audit(AuditEvent::FactorBound, AuditOutcome::Failure)
                        .subject(user)
                        .method(key)
                        .detail(e.to_string())
                        .write()?;
                    return refuse(AppError::invalid("key", Msg::KeyNotAccepted));
                }
            };
            let stored = serde_json::to_string(&passkey).map_err(|_| AppError::Internal)?;
            let (kind, id) = (FactorKind::SecurityKey, external_id(&passkey));
            if !factors::insert_external(work.conn, user.id, kind, &name, Some(&stored), &id)? {
                work.audit(AuditEvent::FactorBound, AuditOutcome::Refused)
                    .subject(user)
                    .method(key)
                    .detail("bound already")
                    .write()?;
                return refuse(AppError::invalid("key", Msg::KeyAlreadyBound));
            }
            work.audit(AuditEvent::FactorBound, AuditOutcome::Success)
                .subject(user)
                .method(key)
                .detail(&name)
                .write()?;
            crate::flows::accounts::notice::credential_changed(
                work,
                user,
                Msg::ChangeKeyBound,
                Some(&current.session.id_hash),
            )?;
            Ok(())
        })
        .await
}

/// Removes one of the account's own keys or linked accounts; another account's id is not found.
pub async fn remove(services: &Services, info: RequestInfo, id: i64) -> Result<(), AppError> {
    let current = session::require_fresh(services, &info).await?;
    services
        .write(&info, move |work| {
            let user = &current.user;
            // Read under the account's lock: two removals at once, or a removal beside
            // 停用帳號密碼登入, see each other's outcome.
            let password_sign_in = users::locked(work.conn, user.id)?.password_sign_in;
            // Keys and linked accounts; the authenticator is rebound, not removed.
            let external: Vec<_> =
                factors::for_user(work.conn, user.id)?.into_iter().filter(|f| f.kind != FactorKind::Totp).collect();
            let Some(method) = external.iter().find(|f| f.id == id) else {
                return Err(AppError::NotFound.into());
            };
            // Without a password, the last of them is the only way in.
            if !password_sign_in && external.len() == 1 {
                return Err(AppError::invalid("key", Msg::LastKeyNeeded).into());
            }
            if !factors::delete_external(work.conn, user.id, id)? {
                return Err(AppError::NotFound.into());
            }
            let (audited, what) = match method.kind {
                FactorKind::Google => (AuditMethod::Google, Msg::ChangeGoogleUnlinked),
                _ => (AuditMethod::SecurityKey, Msg::ChangeKeyRemoved),
            };
            work.audit(AuditEvent::FactorRemoved, AuditOutcome::Success)
                .subject(user)
                .method(audited)
                .detail(&method.label)
                .write()?;
            crate::flows::accounts::notice::credential_changed(work, user, what, Some(&current.session.id_hash))?;
            Ok(())
        })
        .await
}
