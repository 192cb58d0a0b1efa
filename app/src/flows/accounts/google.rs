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
    accounts::{AuditEvent, AuditOutcome, FactorKind, SessionStage},
    auth::{
        oidc::{Identity, Provider},
        request::{PLAIN_OIDC_COOKIE, SECURE_OIDC_COOKIE},
        same, AuthSettings, RequestInfo,
    },
    db::{factors, failures, now, users, write_transaction, AnyConnection},
    error::AppError,
    flows::session::{self, named_cookie, send_cookie},
    i18n::Msg,
    state::AppState,
};

/// The audit's name for the method (the activity list names the kind).
const METHOD: &str = "google";
const SIGN_IN: &str = "/sign-in";
const SETTINGS: &str = "/account/sign-in-methods";

fn provider(state: &AppState) -> Result<std::sync::Arc<Provider>, AppError> {
    state.oidc.clone().ok_or(AppError::NotFound)
}

fn state_cookie(settings: &AuthSettings, info: &RequestInfo, value: &str, max_age: i64) {
    send_cookie(info, named_cookie(settings, (SECURE_OIDC_COOKIE, PLAIN_OIDC_COOKIE), value, max_age));
}

/// Sends the browser to the provider; `link_session` when a signed-in session links.
async fn begin(state: &AppState, info: &RequestInfo, link_session: Option<String>) -> Result<String, AppError> {
    let provider = provider(state)?;
    // Each trip writes a ceremony before anyone has proved anything: throttled like a passkey's.
    let client = info.clone();
    state.pool.run(move |conn| OpenCeremony::admit(conn, &client)).await?;
    let authorization = provider.authorize().await.map_err(|e| {
        tracing::warn!(error = %e, "the OpenID Connect provider cannot be asked");
        AppError::Unavailable
    })?;
    let ceremony =
        OpenCeremony::Oidc { nonce: authorization.nonce, pkce_verifier: authorization.pkce_verifier, link_session };
    let token = authorization.state.clone();
    state.pool.run(move |conn| ceremony.put(conn, &token)).await?;
    state_cookie(&state.auth, info, &authorization.state, super::keys::CEREMONY_SECONDS);
    Ok(authorization.url)
}

/// 以 Google 登入: where to send a signed-out browser.
pub async fn begin_sign_in(state: &AppState, info: RequestInfo) -> Result<String, AppError> {
    begin(state, &info, None).await
}

/// Linking the provider's account to this signed-in one: after a fresh verification, with an
/// authenticator bound (the code stays the second step), and none linked yet.
pub async fn begin_link(state: &AppState, info: RequestInfo) -> Result<String, AppError> {
    provider(state)?;
    let current = session::require_fresh(state, &info).await?;
    let user_id = current.user.id;
    let bound = state.pool.run(move |conn| Ok(factors::for_user(conn, user_id)?)).await?;
    if !bound.iter().any(|f| f.kind == FactorKind::Totp) {
        return Err(AppError::invalid("google", Msg::GoogleNeedsTotp));
    }
    if bound.iter().any(|f| f.kind == FactorKind::Google) {
        return Err(AppError::invalid("google", Msg::GoogleLinkedAlready));
    }
    begin(state, &info, Some(current.session.id_hash)).await
}

/// The provider sent the browser back with `code` and `returned` state (or an `error`): the
/// page to go to next, with `?google=<reason>` when something was refused.
pub async fn finish(state: &AppState, info: RequestInfo, code: Option<String>, returned: Option<String>) -> String {
    let refused = |to: &str, reason: &str| format!("{to}?google={reason}");
    let Ok(provider) = provider(state) else {
        return refused(SIGN_IN, "off");
    };
    state_cookie(&state.auth, &info, "", 0);
    // The state must be the one this browser was given, and its ceremony still open.
    let (Some(code), Some(returned), Some(given)) = (code, returned, info.oidc_state.clone()) else {
        return refused(SIGN_IN, "failed");
    };
    if !same(&returned, &given) {
        tracing::info!("an OpenID Connect answer came back to another browser than the one sent");
        return refused(SIGN_IN, "failed");
    }
    let taken = state.pool.run(move |conn| OpenCeremony::take(conn, &returned)).await;
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
    let settings = state.auth.clone();
    let done = state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| match link_session {
                Some(session_hash) => link(conn, &settings, &info, &identity, &session_hash),
                None => sign_in(conn, &settings, &info, &identity),
            })
        })
        .await;
    match done {
        Ok(Ok(to)) => to,
        Ok(Err(reason)) => refused(back, reason),
        Err(e) => {
            tracing::error!(error = %e, "an OpenID Connect sign-in could not be recorded");
            refused(back, "failed")
        }
    }
}

/// Links the identity to the session that asked, if this request is that session.
fn link(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    info: &RequestInfo,
    identity: &Identity,
    session_hash: &str,
) -> Result<Result<String, &'static str>, AppError> {
    // The answer must come back on the session that asked, still signed in: a link begun by one
    // session and finished by another (a replayed confirmation) links nothing.
    let current =
        session::current(conn, settings, info)?.filter(|c| c.is_full() && same(&c.session.id_hash, session_hash));
    let Some(session::Current { user, .. }) = current else {
        return Ok(Err("session"));
    };
    let label = identity.email.clone().unwrap_or_else(|| identity.subject.clone());
    let audit = |conn: &mut _, outcome, detail: &str| {
        super::own(conn, info, &user, (AuditEvent::FactorBound, outcome), METHOD, detail)
    };
    if !factors::insert_external(conn, user.id, FactorKind::Google, &label, None, &identity.external_id())? {
        audit(conn, AuditOutcome::Refused, "linked to another account")?;
        return Ok(Err("taken"));
    }
    audit(conn, AuditOutcome::Success, &label)?;
    super::notice::credential_changed(conn, info, &user, Msg::ChangeGoogleLinked, Some(session_hash))?;
    Ok(Ok(format!("{SETTINGS}?google=linked")))
}

/// Starts the sign-in of the account the identity is linked to: its code comes next.
fn sign_in(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    info: &RequestInfo,
    identity: &Identity,
) -> Result<Result<String, &'static str>, AppError> {
    let linked = factors::find_external(conn, &identity.external_id())?;
    let user = match linked {
        Some(factor) => users::find(conn, factor.user_id)?,
        None => {
            super::audit(conn, info, AuditEvent::OidcSignIn, AuditOutcome::Failure, None, "", |r| {
                r.method = Some(METHOD);
                r.detail = "not linked".into();
            })?;
            return Ok(Err("unknown"));
        }
    };
    let audit = |conn: &mut _, outcome, detail: &str| {
        super::audit(conn, info, AuditEvent::OidcSignIn, outcome, Some(&user), &user.username, |r| {
            r.method = Some(METHOD);
            r.detail = detail.into();
        })
    };
    if !users::may_sign_in(conn, &user)? {
        audit(conn, AuditOutcome::Refused, "account not active")?;
        return Ok(Err("failed"));
    }
    if failures::locked(conn, &user.username_key, now())?.is_some() {
        audit(conn, AuditOutcome::Refused, "locked")?;
        return Ok(Err("locked"));
    }
    // The password was not proved: the stage says so (no emergency reset from here).
    session::start(conn, settings, info, user.id, SessionStage::External)?;
    audit(conn, AuditOutcome::Success, "")?;
    Ok(Ok(format!("{SIGN_IN}/verify")))
}
