//! Password-free sign-in with a passkey (SPEC §3: once password sign-in is off, the key alone).
//! The key itself says whose it is (its user handle), so no username is typed and no session
//! exists yet: the ceremony waits under a token of its own, single use, 5 minutes. A passkey
//! proves both factors at once (something held, unlocked by a PIN or biometric that the key
//! verifies), so the session is full at once. A refused answer from a known account's key
//! counts toward that account's lock like a wrong code.

use webauthn_rs::prelude::{DiscoverableKey, PublicKeyCredential, Webauthn};

use super::{
    key_sign_in::counted,
    keys::{bound_keys, ceremony_gone, read, relying_party, write},
};
use crate::flows::accounts::{
    attempt::{at_field, Attempt},
    open_ceremony::OpenCeremony,
};
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome, PasskeyChallenge, SignInNext},
    auth::{codes::new_link_token, webauthn::user_of_handle, RequestInfo},
    db::{users, users::User},
    error::AppError,
    flows::{
        session,
        work::{refuse, Done, Services, Work},
    },
    i18n::Msg,
};

/// The browser's instructions for asking any passkey of this site, whoever holds it.
pub async fn begin(services: &Services, info: RequestInfo) -> Result<PasskeyChallenge, AppError> {
    let rp = relying_party(services)?;
    services
        .run(&info, move |work| {
            OpenCeremony::admit(work.conn, work.info)?;
            let (mut challenge, authentication) = rp.start_discoverable_authentication().map_err(|e| {
                tracing::error!(error = %e, "a password-free WebAuthn authentication could not start");
                AppError::Internal
            })?;
            // webauthn-rs asks for the form field's autofill (conditional mediation); this is a
            // button the user pressed, so the browser's own dialog is right.
            challenge.mediation = None;
            let token = new_link_token();
            OpenCeremony::Passkey { state: authentication }.put(work.conn, &token)?;
            Ok(PasskeyChallenge { token, options: write(&challenge)? })
        })
        .await
}

/// The passkey's answer: the account it names is signed in, fully.
pub async fn sign_in(
    services: &Services,
    info: RequestInfo,
    token: String,
    credential: String,
) -> Result<SignInNext, AppError> {
    let credential: PublicKeyCredential = read(&credential)?;
    let rp = relying_party(services)?;
    services
        .write(&info, move |work| {
            let (user, label) = prove(work, &rp, (&token, &credential), None, AuditEvent::PasskeySignIn)?;
            session::start_verified(work, user.id)?;
            let next = crate::flows::accounts::sign_in::signed_in(work, &user)?;
            work.audit(AuditEvent::PasskeySignIn, AuditOutcome::Success)
                .subject(&user)
                .method(AuditMethod::SecurityKey)
                .detail(label)
                .write()?;
            Ok(next)
        })
        .await
}

/// Checks a password-free answer against the open ceremony under `token` (taken, so once):
/// the key must be bound to the account its handle names, and that account must be `expected`
/// when one is (a signed-in user confirming with their own passkey). Returns the account and
/// the key's name, or the refusal to show (which commits: a counted attempt). Only an answer
/// from a known account's key is an attempt at that account (counted, audited); `ending` is
/// the session a lock ends.
pub(in crate::flows::accounts) fn prove(
    work: &mut Work,
    rp: &Webauthn,
    (token, credential): (&str, &PublicKeyCredential),
    expected: Option<(&User, &str)>,
    event: AuditEvent,
) -> Done<(User, String)> {
    let Some(OpenCeremony::Passkey { state: authentication }) = OpenCeremony::take(work.conn, token)? else {
        return refuse(ceremony_gone());
    };
    let not_bound = || refuse(AppError::invalid("key", Msg::KeyNotBound));
    let Some(user_id) =
        rp.identify_discoverable_authentication(credential).ok().and_then(|(handle, _)| user_of_handle(handle))
    else {
        return not_bound();
    };
    if expected.is_some_and(|(user, _)| user.id != user_id) {
        return not_bound();
    }
    let Some(user) = users::find_optional(work.conn, user_id)? else {
        return not_bound();
    };
    let keys = bound_keys(work.conn, user.id)?;
    let presented: &[u8] = credential.get_credential_id();
    if !keys.iter().any(|k| AsRef::<[u8]>::as_ref(k.passkey.cred_id()) == presented) {
        return not_bound();
    }
    let known: Vec<DiscoverableKey> = keys.iter().map(|k| DiscoverableKey::from(&k.passkey)).collect();
    let attempt = Attempt::of(&user, event, AuditMethod::SecurityKey);
    let label = attempt
        .check(work, expected.map(|(_, session)| session), |work| {
            // A suspended account's key (or one of a disabled organization) proves nothing
            // either: answered as a wrong one.
            if !users::may_sign_in(work.conn, &user)? {
                return Ok(None);
            }
            counted(work.conn, user.id, rp.finish_discoverable_authentication(credential, authentication, &known))
        })
        .map_err(|stop| stop.map(|e| at_field("key", e)))?;
    Ok((user, label))
}
