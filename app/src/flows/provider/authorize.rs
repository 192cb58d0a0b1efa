//! The authorization request (`GET /oidc/authorize`): the code flow only, PKCE `S256`
//! required. A request that cannot be trusted to go back (an unknown subsystem, an address
//! not registered character for character) is answered with a page, never a redirect; one
//! refused for its user (no grant, a turned-off subsystem) with a page in the user's language
//! that says why; every other refusal goes back to the subsystem with its protocol error, its
//! `state` and `iss` (RFC 9207).

use serde::{Deserialize, Serialize};

use super::{digest, new_secret, CODE_SECONDS};
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome},
    auth::request::{PLAIN_RESUME_COOKIE, SECURE_RESUME_COOKIE},
    db::{clients, consents, now, oidc, portal},
    error::AppError,
    flows::{
        session::{self, named_cookie},
        work::{Done, Services, Work},
    },
    permissions::may_sign_in_to,
    provider::{ClientKind, ProfileField},
};

/// The request's parameters as sent (all optional: the checks say which are missing).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct AuthorizeRequest {
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub response_type: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub prompt: Option<String>,
    pub max_age: Option<String>,
    pub request: Option<String>,
    pub request_uri: Option<String>,
    pub response_mode: Option<String>,
    /// Set by the consent page's 不同意: the subsystem is told `access_denied`.
    #[serde(default)]
    pub declined: Option<String>,
}

/// Why a request is answered with a page and not sent back to the subsystem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// No such subsystem, or it signs no one in through the provider.
    UnknownClient,
    /// The `redirect_uri` is not one of those registered.
    UnregisteredRedirect,
    /// The subsystem is turned off.
    TurnedOff,
    /// The account does not hold the subsystem's grant.
    NoGrant,
    /// The account is locked for now (too many wrong secrets).
    Locked,
}

/// Where the browser goes next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Back to the subsystem: its redirect URI with a code, or with an error.
    Redirect(String),
    /// To sign in first; the request waits in a cookie (`/oidc/resume` takes it back).
    SignIn,
    /// To the 同意授權 page for `client_id`, with the same request.
    Consent,
    /// To a page the account must finish first (a new password, the terms of use); the request
    /// waits in a cookie, as for `SignIn`.
    First(&'static str),
    /// A page that says why (in the user's language) and leads on.
    Refuse(Refusal),
}

/// The redirect URI with `params` added to its query.
fn with_query(uri: &str, params: &[(&str, &str)]) -> String {
    let joiner = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{joiner}{}", crate::url::query_string(params))
}

/// The `prompt` values asked for; `None` when they contradict themselves.
fn prompts(prompt: Option<&str>) -> Option<Vec<&str>> {
    let values: Vec<&str> = prompt.unwrap_or("").split_whitespace().collect();
    let known = values.iter().all(|v| matches!(*v, "none" | "login" | "consent" | "select_account"));
    (known && !(values.contains(&"none") && values.len() > 1)).then_some(values)
}

/// A PKCE `S256` challenge: 43 base64url characters (a SHA-256).
fn is_challenge(challenge: &str) -> bool {
    challenge.len() == 43 && challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A code for `current`'s sign-in to `client`, its grant and the audit record written.
fn issue_code(
    work: &mut Work,
    client: &clients::ClientRow,
    current: &session::Current,
    r: &AuthorizeRequest,
    redirect: &str,
) -> Result<String, AppError> {
    let now = now();
    let code = new_secret();
    let grant = oidc::NewGrant {
        subsystem_id: client.id,
        user_id: current.user.id,
        sid: &current.session.sid,
        fields: &client.fields,
        nonce: r.nonce.as_deref(),
        amr: &current.session.amr,
        auth_time: current.session.signed_in_at.unwrap_or(current.session.created_at),
    };
    let grant_id = oidc::insert_grant(work.conn, &grant, now)?;
    let challenge = r.code_challenge.as_deref().unwrap_or_default();
    oidc::insert_code(work.conn, (&digest(&code), grant_id), redirect, challenge, now + CODE_SECONDS)?;
    work.audit(AuditEvent::SubsystemSignIn, AuditOutcome::Success)
        .subject(&current.user)
        .method(AuditMethod::Provider)
        .detail(&client.code)
        .write()?;
    Ok(code)
}

/// A protocol error code and its description, as they go back to the subsystem.
type ProtocolError = (&'static str, &'static str);

/// The request's own parameters, checked: its `prompt` values and `max_age`, or the
/// protocol's error and a description for the subsystem's developers.
fn checked(r: &AuthorizeRequest) -> Result<(Vec<&str>, Option<i64>), ProtocolError> {
    if r.request.is_some() {
        return Err(("request_not_supported", "request objects are not supported"));
    }
    if r.request_uri.is_some() {
        return Err(("request_uri_not_supported", "request_uri is not supported"));
    }
    if r.response_type.as_deref() != Some("code") {
        return Err((
            "unsupported_response_type",
            "only the authorization code flow (response_type=code) is supported",
        ));
    }
    if r.response_mode.as_deref().is_some_and(|m| m != "query") {
        return Err(("invalid_request", "only response_mode=query is supported"));
    }
    if !r.scope.as_deref().unwrap_or("").split_whitespace().any(|s| s == "openid") {
        return Err(("invalid_scope", "the scope must include openid"));
    }
    match (r.code_challenge.as_deref(), r.code_challenge_method.as_deref()) {
        (Some(c), Some("S256")) if is_challenge(c) => {}
        (_, Some(m)) if m != "S256" => return Err(("invalid_request", "PKCE must use code_challenge_method=S256")),
        _ => return Err(("invalid_request", "a PKCE code_challenge (S256) is required")),
    }
    let prompt = prompts(r.prompt.as_deref())
        .ok_or(("invalid_request", "prompt values are unknown or contradict each other"))?;
    let max_age = match r.max_age.as_deref().map(str::parse::<i64>) {
        None => None,
        Some(Ok(age)) if age >= 0 => Some(age),
        Some(_) => return Err(("invalid_request", "max_age must be a number of seconds")),
    };
    Ok((prompt, max_age))
}

/// The request as it goes on after sign-in or consent: the same parameters, without the
/// `prompt` values that were just answered (or it would ask again for ever).
pub fn resumed_query(request: &AuthorizeRequest, answered: &str) -> String {
    let mut r = request.clone();
    r.prompt = r.prompt.map(|p| p.split_whitespace().filter(|v| *v != answered).collect::<Vec<_>>().join(" "));
    r.prompt = r.prompt.filter(|p| !p.is_empty());
    query_of(&r)
}

fn query_of(r: &AuthorizeRequest) -> String {
    let pairs: Vec<(&str, &str)> = [
        ("client_id", &r.client_id),
        ("redirect_uri", &r.redirect_uri),
        ("response_type", &r.response_type),
        ("scope", &r.scope),
        ("state", &r.state),
        ("nonce", &r.nonce),
        ("code_challenge", &r.code_challenge),
        ("code_challenge_method", &r.code_challenge_method),
        ("prompt", &r.prompt),
        ("max_age", &r.max_age),
        ("response_mode", &r.response_mode),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
    .collect();
    crate::url::query_string(&pairs)
}

/// The cookie that keeps the request while its user signs in (`None`: forget it). The
/// query, as `resumed_query` writes it, holds nothing a cookie value may not.
pub fn resume_cookie(work: &mut Work, query: Option<&str>) {
    let max_age = if query.is_some() { 15 * 60 } else { 0 };
    let cookie = named_cookie(work.settings, (SECURE_RESUME_COOKIE, PLAIN_RESUME_COOKIE), query.unwrap_or(""), max_age);
    work.set_cookie(cookie);
}

/// Decides the request.
pub async fn authorize(
    services: &Services,
    info: &crate::auth::RequestInfo,
    request: AuthorizeRequest,
) -> Result<Next, AppError> {
    services.write(info, move |work| decide(work, &request)).await
}

fn decide(work: &mut Work, r: &AuthorizeRequest) -> Done<Next> {
    // 1. Whom to answer, and where: nothing goes back before both are known good.
    let Some(client) = r.client_id.as_deref().map(|id| clients::find(work.conn, id)).transpose()?.flatten() else {
        return Ok(Next::Refuse(Refusal::UnknownClient));
    };
    if ClientKind::of(&client.client_kind).is_none_or(|k| k == ClientKind::Builtin) {
        return Ok(Next::Refuse(Refusal::UnknownClient));
    }
    let registered = crate::provider::address_list(&client.redirect_uris);
    let Some(redirect) = r.redirect_uri.as_deref().filter(|u| registered.iter().any(|known| known == u)) else {
        return Ok(Next::Refuse(Refusal::UnregisteredRedirect));
    };
    if !client.active {
        return Ok(Next::Refuse(Refusal::TurnedOff));
    }
    let issuer = super::issuer(work.settings);
    let state = r.state.as_deref();
    let back = |error: &str, description: &str| {
        let mut params = vec![("error", error), ("error_description", description), ("iss", issuer.as_str())];
        if let Some(state) = state {
            params.push(("state", state));
        }
        Ok(Next::Redirect(with_query(redirect, &params)))
    };
    if r.declined.is_some() {
        return back("access_denied", "the user did not agree to share the subsystem's fields");
    }
    // 2. The request itself.
    let (prompt, max_age) = match checked(r) {
        Ok(checked) => checked,
        Err((error, description)) => return back(error, description),
    };
    // 3. Who asks.
    let now = now();
    let current = session::current(work)?.filter(|c| c.is_full());
    let fresh_enough = |signed_in_at: Option<i64>| match max_age {
        Some(age) => signed_in_at.is_some_and(|at| now - at <= age),
        None => true,
    };
    let current = match current {
        Some(c) if !prompt.contains(&"login") && fresh_enough(c.session.signed_in_at) => c,
        _ if prompt.contains(&"none") => return back("login_required", "the user is not signed in"),
        _ => {
            resume_cookie(work, Some(&resumed_query(r, "login")));
            return Ok(Next::SignIn);
        }
    };
    // A new password or the terms of use come first; the request waits meanwhile, and the
    // page that deals with them comes back here.
    if let Some(first) = session::obligation(work.settings, &current.user, current.terms_pending.is_some()) {
        resume_cookie(work, Some(&resumed_query(r, "login")));
        return Ok(Next::First(first.path()));
    }
    if work.info.resume.is_some() {
        resume_cookie(work, None);
    }
    let user = &current.user;
    if super::account_locked(work.conn, user)? {
        return Ok(Next::Refuse(Refusal::Locked));
    }
    let actor = portal::actor(work.conn, user)?;
    if !may_sign_in_to(&actor, &client.code) {
        work.audit(AuditEvent::SubsystemRefused, AuditOutcome::Refused)
            .subject(user)
            .method(AuditMethod::Provider)
            .detail(&client.code)
            .write()?;
        return Ok(Next::Refuse(Refusal::NoGrant));
    }
    // 4. What it agreed to share.
    let wanted = ProfileField::parse_list(&client.fields);
    let agreed = consents::agreed_fields(work.conn, user.id, &client.code)?;
    let covered = agreed.as_deref().is_some_and(|a| ProfileField::covers(&ProfileField::parse_list(a), &wanted));
    if !covered || prompt.contains(&"consent") {
        if prompt.contains(&"none") {
            return back("consent_required", "the user has not agreed to share the subsystem's fields");
        }
        return Ok(Next::Consent);
    }
    // 5. The code.
    let code = issue_code(work, &client, &current, r, redirect)?;
    let mut params = vec![("code", code.as_str()), ("iss", issuer.as_str())];
    if let Some(state) = state {
        params.push(("state", state));
    }
    Ok(Next::Redirect(with_query(redirect, &params)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_that_contradict_are_refused() {
        assert_eq!(prompts(None), Some(vec![]));
        assert_eq!(prompts(Some("login consent")), Some(vec!["login", "consent"]));
        assert_eq!(prompts(Some("none login")), None);
        assert_eq!(prompts(Some("bogus")), None);
    }

    #[test]
    fn only_a_sha256_challenge_is_taken() {
        assert!(is_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        assert!(!is_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c"));
        assert!(!is_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM"));
    }

    #[test]
    fn a_resumed_request_forgets_the_answered_prompt() {
        let r = AuthorizeRequest {
            client_id: Some("demo".into()),
            prompt: Some("login consent".into()),
            state: Some("a b&c".into()),
            ..Default::default()
        };
        let q = resumed_query(&r, "login");
        assert!(q.contains("prompt=consent"), "{q}");
        assert!(q.contains("state=a%20b%26c"), "{q}");
        assert!(!resumed_query(&AuthorizeRequest { prompt: Some("login".into()), ..r }, "login").contains("prompt"));
    }
}
