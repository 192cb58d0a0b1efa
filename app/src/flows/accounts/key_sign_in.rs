//! Step two with a security key or passkey instead of the authenticator's code. A failed
//! assertion counts toward the lock exactly like a wrong code (one `Attempt`), and a key's
//! signature counter may only go up: a counter that goes back means a copied key.

use webauthn_rs::prelude::{PublicKeyCredential, RequestChallengeResponse};

use super::{
    attempt::{at_field, Attempt},
    keys::{bound_keys, ceremony_gone, relying_party, Ceremony, CEREMONY_SECONDS},
};
use crate::{
    accounts::{AuditEvent, AuditOutcome, SignInNext},
    auth::RequestInfo,
    db::{factors, now, write_transaction},
    error::AppError,
    flows::session,
    i18n::Msg,
    state::AppState,
};

/// The browser's instructions for asking one of this account's keys, for a session that has
/// passed the password.
pub async fn begin(state: &AppState, info: RequestInfo) -> Result<RequestChallengeResponse, AppError> {
    let rp = relying_party(state)?;
    let current = session::require_any(state, &info).await?;
    if current.is_full() {
        return Err(ceremony_gone());
    }
    state
        .pool
        .run(move |conn| {
            let keys: Vec<_> = bound_keys(conn, current.user.id)?.into_iter().map(|k| k.passkey).collect();
            if keys.is_empty() {
                return Err(AppError::invalid("key", Msg::NoKeysBound));
            }
            let (challenge, authentication) = rp.start_passkey_authentication(&keys).map_err(|e| {
                tracing::error!(error = %e, "a WebAuthn authentication could not start");
                AppError::Internal
            })?;
            let expires_at = now() + CEREMONY_SECONDS;
            Ceremony::SignIn { state: authentication, expires_at }.put(conn, &current.session.id_hash)?;
            Ok(challenge)
        })
        .await
}

/// The key's answer: checked against this session's ceremony (once) and this account's keys
/// only, so a key of another account signs nobody in here.
pub async fn finish(
    state: &AppState,
    info: RequestInfo,
    credential: PublicKeyCredential,
) -> Result<SignInNext, AppError> {
    let rp = relying_party(state)?;
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
                let Some(Ceremony::SignIn { state: authentication, .. }) =
                    Ceremony::take(conn, &current.session.id_hash)?
                else {
                    return Ok(Err(ceremony_gone()));
                };
                let attempt = Attempt {
                    info: &info,
                    settings: &settings,
                    key: &user.username_key,
                    user: Some(user),
                    event: AuditEvent::SecondFactor,
                    method: "security_key",
                };
                let checked = attempt.check(conn, Some(&current.session.id_hash), |conn| {
                    // Any refusal (a bad signature, a counter gone back, no user verification)
                    // is one wrong answer; the reason goes to the log, not to the page.
                    let result = match rp.finish_passkey_authentication(&credential, &authentication) {
                        Ok(result) => result,
                        Err(e) => {
                            tracing::info!(user = user.id, error = %e, "a security key's answer was refused");
                            return Ok(None);
                        }
                    };
                    let Some(mut key) =
                        bound_keys(conn, user.id)?.into_iter().find(|k| k.passkey.cred_id() == result.cred_id())
                    else {
                        return Ok(None);
                    };
                    key.passkey.update_credential(&result);
                    let after = serde_json::to_string(&key.passkey).map_err(|_| AppError::Internal)?;
                    // Another sign-in moved this key's counter meanwhile: only one of them counts.
                    Ok(factors::advance_key(conn, key.id, &key.stored, &after)?.then_some(key.label))
                })?;
                let label = match checked {
                    Ok(label) => label,
                    Err(refused) => return Ok(Err(at_field("key", refused))),
                };
                let next = super::sign_in::complete(conn, &settings, &info, &current)?;
                super::audit(
                    conn,
                    &info,
                    AuditEvent::SecondFactor,
                    AuditOutcome::Success,
                    Some(user),
                    &user.username,
                    |r| {
                        r.method = Some("security_key");
                        r.detail = label;
                    },
                )?;
                Ok(Ok(next))
            })
        })
        .await?
}
