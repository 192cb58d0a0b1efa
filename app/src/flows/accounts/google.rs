//! Google sign-in (SPEC §3: Google account + TOTP), through any OpenID Connect provider the
//! installation sets. Linking happens only from a signed-in session after a fresh
//! verification, with an authenticator bound, never by a matching email; one provider account
//! links one local account. Signing in with it replaces the password step: the code (or a key)
//! is still asked for. The trip to the provider carries a state that must come back to the same
//! browser (a cookie) and, for a link, to the same session; the ceremony behind it serves once
//! and lasts 5 minutes. Every answer is a page to send the browser to, with a reason the page
//! explains.

use super::open_ceremony::OpenCeremony;
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome, FactorKind, SessionStage},
    auth::{
        oidc::{Identity, Provider},
        request::{PLAIN_OIDC_COOKIE, SECURE_OIDC_COOKIE},
        same, RequestInfo,
    },
    db::{factors, failures, now, users},
    error::AppError,
    flows::{
        session::{self, named_cookie},
        work::{Done, Services, Work},
    },
    i18n::Msg,
};

const SIGN_IN: &str = "/sign-in";
const SETTINGS: &str = "/account/sign-in-methods";

fn provider(services: &Services) -> Result<std::sync::Arc<Provider>, AppError> {
    services.oidc.clone().ok_or(AppError::NotFound)
}

/// The trip's state for this browser (`value`), or emptied (`max_age` 0).
fn state_cookie(work: &mut Work, value: &str, max_age: i64) {
    let cookie = named_cookie(work.settings, (SECURE_OIDC_COOKIE, PLAIN_OIDC_COOKIE), value, max_age);
    work.set_cookie(cookie);
}

/// A refusal's page: where to go, and why (the page explains `reason`).
fn refused(to: &str, reason: &str) -> String {
    format!("{to}?google={reason}")
}

/// Sends the browser to the provider; `link_session` when a signed-in session links.
async fn begin(services: &Services, info: &RequestInfo, link_session: Option<String>) -> Result<String, AppError> {
    let provider = provider(services)?;
    // Each trip writes a ceremony before anyone has proved anything: throttled like a passkey's.
    let client = info.clone();
    services.read(move |conn| OpenCeremony::admit(conn, &client)).await?;
    let authorization = provider.authorize().await.map_err(|e| {
        tracing::warn!(error = %e, "the OpenID Connect provider cannot be asked");
        AppError::Unavailable
    })?;
    let ceremony =
        OpenCeremony::Oidc { nonce: authorization.nonce, pkce_verifier: authorization.pkce_verifier, link_session };
    let token = authorization.state;
    services
        .run(info, move |work| {
            ceremony.put(work.conn, &token)?;
            state_cookie(work, &token, super::factors::keys::CEREMONY_SECONDS);
            Ok(())
        })
        .await?;
    Ok(authorization.url)
}

/// 以 Google 登入: where to send a signed-out browser.
pub async fn begin_sign_in(services: &Services, info: RequestInfo) -> Result<String, AppError> {
    begin(services, &info, None).await
}

/// Linking the provider's account to this signed-in one: after a fresh verification, with an
/// authenticator bound (the code stays the second step), and none linked yet.
pub async fn begin_link(services: &Services, info: RequestInfo) -> Result<String, AppError> {
    provider(services)?;
    let current = session::require_fresh(services, &info).await?;
    let user_id = current.user.id;
    let bound = services.read(move |conn| Ok(factors::for_user(conn, user_id)?)).await?;
    if !bound.iter().any(|f| f.kind == FactorKind::Totp) {
        return Err(AppError::invalid("google", Msg::GoogleNeedsTotp));
    }
    if bound.iter().any(|f| f.kind == FactorKind::Google) {
        return Err(AppError::invalid("google", Msg::GoogleLinkedAlready));
    }
    begin(services, &info, Some(current.session.id_hash)).await
}

/// The provider sent the browser back with `code` and `returned` state (or an `error`): the
/// page to go to next, with `?google=<reason>` when something was refused.
pub async fn finish(services: &Services, info: RequestInfo, code: Option<String>, returned: Option<String>) -> String {
    let Ok(provider) = provider(services) else {
        return refused(SIGN_IN, "off");
    };
    // The state must be the one this browser was given, and its ceremony still open; the
    // browser's copy is spent whatever comes of it.
    let matched = match (&code, &returned, &info.oidc_state) {
        (Some(_), Some(returned), Some(given)) => same(returned, given),
        _ => false,
    };
    if !matched && returned.is_some() && code.is_some() {
        tracing::info!("an OpenID Connect answer came back to another browser than the one sent");
    }
    let taken = services
        .run(&info, move |work| {
            state_cookie(work, "", 0);
            match returned.filter(|_| matched) {
                Some(returned) => Ok(OpenCeremony::take(work.conn, &returned)?),
                None => Ok(None),
            }
        })
        .await;
    let (Some(code), true) = (code, matched) else {
        return refused(SIGN_IN, "failed");
    };
    let Ok(Some(OpenCeremony::Oidc { nonce, pkce_verifier, link_session })) = taken else {
        return refused(SIGN_IN, "expired");
    };
    let back = if link_session.is_some() { SETTINGS } else { SIGN_IN };
    let identity = match provider.identify(code, pkce_verifier, nonce).await {
        Ok(identity) => identity,
        Err(e) => {
            tracing::warn!(error = %e, "an OpenID Connect sign-in was refused");
            return refused(back, "failed");
        }
    };
    if !identity.email_verified {
        return refused(back, "unverified");
    }
    if !provider.domain_allowed(&identity) {
        return refused(back, "domain");
    }
    let done = services
        .write(&info, move |work| match link_session {
            Some(session_hash) => link(work, &identity, &session_hash),
            None => sign_in(work, &identity),
        })
        .await;
    done.unwrap_or_else(|e| {
        tracing::error!(error = %e, "an OpenID Connect sign-in could not be recorded");
        refused(back, "failed")
    })
}

/// Links the identity to the session that asked, if this request is that session. Where to go
/// next (a refusal's page too: what it wrote, its audit, stands).
fn link(work: &mut Work, identity: &Identity, session_hash: &str) -> Done<String> {
    // The answer must come back on the session that asked, still signed in: a link begun by one
    // session and finished by another (a replayed confirmation) links nothing.
    let current = session::current(work)?.filter(|c| c.is_full() && same(&c.session.id_hash, session_hash));
    let Some(session::Current { user, .. }) = current else {
        return Ok(refused(SETTINGS, "session"));
    };
    let label = identity.email.clone().unwrap_or_else(|| identity.subject.clone());
    let bound = |work: &mut Work, outcome, detail: &str| {
        work.audit(AuditEvent::FactorBound, outcome).subject(&user).method(AuditMethod::Google).detail(detail).write()
    };
    if !factors::insert_external(work.conn, user.id, FactorKind::Google, &label, None, &identity.external_id())? {
        bound(work, AuditOutcome::Refused, "linked to another account")?;
        return Ok(refused(SETTINGS, "taken"));
    }
    bound(work, AuditOutcome::Success, &label)?;
    super::notice::credential_changed(work, &user, Msg::ChangeGoogleLinked, Some(session_hash))?;
    Ok(format!("{SETTINGS}?google=linked"))
}

/// Starts the sign-in of the account the identity is linked to: its code comes next. Where to
/// go next, a refusal's page too.
fn sign_in(work: &mut Work, identity: &Identity) -> Done<String> {
    let linked = factors::find_external(work.conn, &identity.external_id())?;
    let user = match linked {
        Some(factor) => users::find(work.conn, factor.user_id)?,
        None => {
            work.audit(AuditEvent::OidcSignIn, AuditOutcome::Failure)
                .username("")
                .method(AuditMethod::Google)
                .detail("not linked")
                .write()?;
            return Ok(refused(SIGN_IN, "unknown"));
        }
    };
    let signed = |work: &mut Work, outcome, detail: &str| {
        work.audit(AuditEvent::OidcSignIn, outcome).subject(&user).method(AuditMethod::Google).detail(detail).write()
    };
    if !users::may_sign_in(work.conn, &user)? {
        signed(work, AuditOutcome::Refused, "account not active")?;
        return Ok(refused(SIGN_IN, "failed"));
    }
    if failures::locked(work.conn, &user.username_key, now())?.is_some() {
        signed(work, AuditOutcome::Refused, "locked")?;
        return Ok(refused(SIGN_IN, "locked"));
    }
    // The password was not proved: the stage says so (no emergency reset from here).
    session::start(work, user.id, SessionStage::External)?;
    signed(work, AuditOutcome::Success, "")?;
    Ok(format!("{SIGN_IN}/verify"))
}
