//! A bound security key or passkey proved: at the sign-in's second step instead of the
//! authenticator's code, or at a step-up (再次驗證) before a change of sign-in settings. A
//! failed assertion counts toward the lock exactly like a wrong code (one `Attempt`), and a
//! key's signature counter may only go up: a counter that goes back means a copied key
//! (`counted`, the one check for every path).

use webauthn_rs::prelude::{
    AuthenticationResult, Credential, PasskeyAuthentication, PublicKeyCredential, Webauthn, WebauthnResult,
};

use super::keys::{bound_keys, ceremony_gone, read, relying_party, write, Ceremony, CEREMONY_SECONDS};
use crate::flows::accounts::attempt::{at_field, Attempt};
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome, SignInNext},
    auth::RequestInfo,
    db::{factors, now, AnyConnection},
    error::AppError,
    flows::{
        session,
        work::{refuse, Services},
    },
    i18n::Msg,
};

/// The browser's instructions for asking one of this account's keys: for the second step of
/// a session that has passed the password, or for a step-up of a signed-in one.
pub async fn begin(services: &Services, info: RequestInfo) -> Result<String, AppError> {
    let rp = relying_party(services)?;
    let current = session::require_any(services, &info).await?;
    let step_up = current.is_full();
    services
        .read(move |conn| {
            let keys: Vec<_> = bound_keys(conn, current.user.id)?.into_iter().map(|k| k.passkey).collect();
            if keys.is_empty() {
                return Err(AppError::invalid("key", Msg::NoKeysBound));
            }
            let (challenge, authentication) = rp.start_passkey_authentication(&keys).map_err(|e| {
                tracing::error!(error = %e, "a WebAuthn authentication could not start");
                AppError::Internal
            })?;
            let expires_at = now() + CEREMONY_SECONDS;
            Ceremony::Assert { state: authentication, step_up, expires_at }.put(conn, &current.session.id_hash)?;
            write(&challenge)
        })
        .await
}

/// The key's answer at the second step, completing the sign-in.
pub async fn sign_in(services: &Services, info: RequestInfo, credential: String) -> Result<SignInNext, AppError> {
    let credential: PublicKeyCredential = read(&credential)?;
    let current = session::require_any(services, &info).await?;
    if current.is_full() {
        return Ok(SignInNext::Home);
    }
    prove(services, info, current, credential, AuditEvent::SecondFactor).await
}

/// The key's answer at a step-up: the session gets a new id and counts as freshly verified.
pub async fn step_up(services: &Services, info: RequestInfo, credential: String) -> Result<(), AppError> {
    let credential: PublicKeyCredential = read(&credential)?;
    let current = session::require_full(services, &info).await?;
    prove(services, info, current, credential, AuditEvent::StepUp).await.map(|_| ())
}

/// Checks the answer against this session's ceremony (once, and of the same kind) and this
/// account's keys only, so a key of another account proves nothing here; then completes the
/// sign-in or the step-up in the same transaction.
async fn prove(
    services: &Services,
    info: RequestInfo,
    current: session::Current,
    credential: PublicKeyCredential,
    event: AuditEvent,
) -> Result<SignInNext, AppError> {
    let rp = relying_party(services)?;
    let step_up = event == AuditEvent::StepUp;
    services
        .write(&info, move |work| {
            let user = &current.user;
            let authentication = match Ceremony::take(work.conn, &current.session.id_hash)? {
                Some(Ceremony::Assert { state, step_up: kind, .. }) if kind == step_up => state,
                _ => return refuse(ceremony_gone()),
            };
            let attempt = Attempt::of(user, event, AuditMethod::SecurityKey);
            let label = attempt
                .check(work, Some(&current.session.id_hash), |work| {
                    assertion(work.conn, &rp, user.id, &credential, &authentication)
                })
                .map_err(|stop| stop.map(|e| at_field("key", e)))?;
            let next = if step_up {
                session::verified(work, &current, crate::provider::SecondFactor::SecurityKey)?;
                SignInNext::Home
            } else {
                crate::flows::accounts::sign_in::complete(work, &current, crate::provider::SecondFactor::SecurityKey)?
            };
            work.audit(event, AuditOutcome::Success)
                .subject(user)
                .method(AuditMethod::SecurityKey)
                .detail(label)
                .write()?;
            Ok(next)
        })
        .await
}

/// The name of the key of `user_id` that signed `credential` rightly, its counter moved on;
/// `None` for any refusal (a bad signature, a counter gone back, no user verification, a key
/// not this account's), which is one wrong answer. The reason goes to the log, not the page.
fn assertion(
    conn: &mut AnyConnection,
    rp: &Webauthn,
    user_id: i64,
    credential: &PublicKeyCredential,
    authentication: &PasskeyAuthentication,
) -> Result<Option<String>, AppError> {
    counted(conn, user_id, rp.finish_passkey_authentication(credential, authentication))
}

/// After the relying party's check of an answer (`finished`): the name of the key of `user_id`
/// it was, its counter moved on; `None` for a refusal (see `assertion`).
///
/// The one check of the signature counter, for every path (the second step, a step-up, a
/// password-free sign-in): against the key as stored now, inside the transaction that stores
/// the new value. The relying party compares with the counter the ceremony's state captured
/// when the challenge went out; a copy of the key answering a challenge begun before the
/// owner's last use would pass that with a counter the owner has already used.
pub(in crate::flows::accounts) fn counted(
    conn: &mut AnyConnection,
    user_id: i64,
    finished: WebauthnResult<AuthenticationResult>,
) -> Result<Option<String>, AppError> {
    let result = match finished {
        Ok(result) => result,
        Err(e) => {
            tracing::info!(user = user_id, error = %e, "a security key's answer was refused");
            return Ok(None);
        }
    };
    let Some(mut key) = bound_keys(conn, user_id)?.into_iter().find(|k| k.passkey.cred_id() == result.cred_id()) else {
        return Ok(None);
    };
    let stored = Credential::from(key.passkey.clone()).counter;
    if counter_went_back(stored, result.counter()) {
        tracing::warn!(
            user = user_id,
            stored,
            answered = result.counter(),
            "a security key's counter did not move on: a copied key?"
        );
        return Ok(None);
    }
    key.passkey.update_credential(&result);
    let after = serde_json::to_string(&key.passkey).map_err(|_| AppError::Internal)?;
    // Another sign-in moved this key's counter meanwhile: only one of them counts.
    Ok(factors::advance_key(conn, key.id, &key.stored, &after)?.then_some(key.label))
}

/// WebAuthn's rule (§7.2 step 21): once either counter is non-zero, the answer's must be above
/// the stored one. Keys that keep no counter (most synced passkeys) answer 0 every time.
fn counter_went_back(stored: u32, answered: u32) -> bool {
    (stored > 0 || answered > 0) && answered <= stored
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_counter_must_move_on_once_it_is_used() {
        use super::counter_went_back as back;
        assert!(!back(0, 0), "a key without a counter");
        assert!(!back(0, 1) && !back(5, 6));
        assert!(back(5, 5), "the same count again");
        assert!(back(5, 4) && back(5, 0), "behind the stored count");
    }
}
