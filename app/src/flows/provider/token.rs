//! The token endpoint (`POST /oidc/token`): an authorization code, or a refresh token, for an
//! access token, a refresh token and an ID token. A code works once, for 60 seconds, for the
//! subsystem, redirect URI and PKCE verifier it was issued with; a code presented twice
//! revokes everything issued from it. A refresh token works once too: the next one replaces
//! it, and presenting a used one revokes its whole family (RFC 9700 §4.14).

use std::sync::Arc;

use base64::Engine;
use chrono::{DateTime, Utc};
use openidconnect::{
    core::{CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm},
    AccessToken, AdditionalClaims, Audience, AuthenticationContextClass, AuthenticationMethodReference, EndUserName,
    EndUserUsername, IdToken, IdTokenClaims, IssuerUrl, LocalizedClaim, Nonce, StandardClaims, SubjectIdentifier,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{
    claims::sub_of,
    client_auth::{authenticate, ClientCredentials},
    digest, keys, new_secret, ACCESS_SECONDS, ID_TOKEN_SECONDS, REFRESH_SECONDS,
};
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome},
    auth::{
        signing::{OpenedKeys, SigningAlg, SigningKey},
        AuthSettings, RequestInfo,
    },
    db::{clients::ClientRow, now, oidc, portal, sessions, users, users::User},
    error::AppError,
    flows::work::{refuse, Done, Services, Work},
    permissions::may_sign_in_to,
    provider::{acr_of, ProfileField},
};

/// The token request's form fields.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct TokenRequest {
    pub grant_type: Option<String>,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub code_verifier: Option<String>,
    pub refresh_token: Option<String>,
}

/// The answer (RFC 6749 §5.1 with OpenID Connect's `id_token`).
#[derive(Clone, Debug, Serialize)]
pub struct TokenAnswer {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub refresh_token: String,
    pub id_token: String,
    pub scope: &'static str,
}

fn grant_refused(description: &str) -> AppError {
    AppError::oauth("invalid_grant", description)
}

/// The ID token's claims beyond the standard ones: the Gatehouse session (`sid`), which a
/// back-channel logout names.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct SessionClaim {
    pub(crate) sid: String,
}
impl AdditionalClaims for SessionClaim {}

pub(crate) type GatehouseIdToken =
    IdToken<SessionClaim, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

fn time(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// Whether `verifier` is a PKCE verifier (RFC 7636 §4.1) whose S256 challenge is `challenge`.
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    well_formed && computed == challenge
}

/// Tokens written, and their ID token's claims still to sign with `key`.
struct Issued {
    answer: TokenAnswer,
    claims: IdTokenClaims<SessionClaim, CoreGenderClaim>,
    key: Arc<SigningKey>,
}

/// What an exchange needs besides its request: the subsystem that authenticated, and the
/// keys this process has opened.
struct Exchange<'a> {
    client: ClientRow,
    opened: &'a OpenedKeys,
}

pub async fn exchange(
    services: &Services,
    info: &RequestInfo,
    credentials: ClientCredentials,
    request: TokenRequest,
) -> Result<TokenAnswer, AppError> {
    let opened = services.opened_keys.clone();
    let Issued { mut answer, claims, key } = services
        .write(info, move |work| {
            let ex = Exchange { client: authenticate(work.conn, &credentials)?, opened: &opened };
            match request.grant_type.as_deref() {
                Some("authorization_code") => by_code(work, ex, &request),
                Some("refresh_token") => by_refresh(work, ex, &request),
                Some(_) => Err(AppError::oauth("unsupported_grant_type", "authorization_code or refresh_token").into()),
                None => Err(AppError::oauth("invalid_request", "grant_type is required").into()),
            }
        })
        .await?;
    // Signed after the commit, outside the write transaction (on SQLite every other writer
    // would wait for it), on a blocking thread: the RSA signature is half an exchange's time.
    // (Signed on the request's own thread instead, two workers answered no more than one:
    // 700/s → 690/s, `make bench`.)
    let access = AccessToken::new(answer.access_token.clone());
    let signed = tokio::task::spawn_blocking(move || {
        GatehouseIdToken::new(claims, key.as_ref(), key.core_alg(), Some(&access), None).map(|t| t.to_string())
    })
    .await;
    answer.id_token = match signed {
        Ok(Ok(token)) => token,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "an ID token could not be signed");
            return Err(AppError::Internal);
        }
        Err(e) => {
            tracing::error!(error = %e, "signing an ID token stopped");
            return Err(AppError::Internal);
        }
    };
    Ok(answer)
}

fn by_code(work: &mut Work, ex: Exchange, request: &TokenRequest) -> Done<Issued> {
    let code = request.code.as_deref().ok_or_else(|| AppError::oauth("invalid_request", "code is required"))?;
    let now = now();
    let row = match oidc::take_code(work.conn, &digest(code), now)? {
        oidc::Taken::Unknown => return Err(grant_refused("unknown code").into()),
        oidc::Taken::Reused(row) => {
            // Someone holds a copy: what the first use issued is revoked (RFC 6749 §4.1.2).
            revoke_family(work, row.grant_id, "code used twice")?;
            return refuse(grant_refused("the code was already used"));
        }
        oidc::Taken::Fresh(row) => row,
    };
    let grant = oidc::grant(work.conn, row.grant_id)?.ok_or_else(|| grant_refused("unknown code"))?;
    if grant.subsystem_id != ex.client.id {
        // Another subsystem holds this one's code: it is spent, and nothing it gave stays.
        revoke_family(work, grant.id, "code presented by another subsystem")?;
        return refuse(grant_refused("the code was issued to another client"));
    }
    if row.expires_at <= now {
        return refuse(grant_refused("the code has expired"));
    }
    if request.redirect_uri.as_deref() != Some(row.redirect_uri.as_str()) {
        return refuse(grant_refused("redirect_uri differs from the authorization request's"));
    }
    if !request.code_verifier.as_deref().is_some_and(|v| pkce_matches(v, &row.code_challenge)) {
        return refuse(grant_refused("the PKCE code_verifier does not match"));
    }
    let account = users::find_signing_in(work.conn, grant.user_id)?;
    if super::account_locked(work.conn, &account.0)? {
        return refuse(grant_refused("the account is locked for now"));
    }
    issue(work, ex, (grant, account), true)
}

fn by_refresh(work: &mut Work, ex: Exchange, request: &TokenRequest) -> Done<Issued> {
    let token = request
        .refresh_token
        .as_deref()
        .ok_or_else(|| AppError::oauth("invalid_request", "refresh_token is required"))?;
    let hash = digest(token);
    let Some((row, grant)) = oidc::token(work.conn, &hash)?.filter(|(row, _)| row.kind == oidc::TokenKind::Refresh)
    else {
        return Err(grant_refused("unknown refresh token").into());
    };
    if grant.subsystem_id != ex.client.id {
        return Err(grant_refused("the refresh token was issued to another client").into());
    }
    let account = users::find_signing_in(work.conn, grant.user_id)?;
    if super::account_locked(work.conn, &account.0)? {
        // Refused, and nothing spent: the same refresh token works once the lock is over.
        return Err(grant_refused("the account is locked for now").into());
    }
    let now = now();
    if !oidc::use_refresh(work.conn, &hash, now)? {
        revoke_family(work, grant.id, "refresh token used twice")?;
        return refuse(grant_refused("the refresh token was already used"));
    }
    if grant.revoked_at.is_some() || row.expires_at <= now {
        return refuse(grant_refused("the refresh token has expired or was revoked"));
    }
    issue(work, ex, (grant, account), false)
}

/// Revokes grant `id` and records it.
fn revoke_family(work: &mut Work, grant_id: i64, why: &str) -> Result<(), AppError> {
    let Some(grant) = oidc::grant(work.conn, grant_id)? else { return Ok(()) };
    if oidc::revoke_grant(work.conn, grant_id, now())? {
        let user = users::find(work.conn, grant.user_id)?;
        work.audit(AuditEvent::TokensRevoked, AuditOutcome::Success)
            .subject(&user)
            .method(AuditMethod::Provider)
            .detail(why)
            .write()?;
    }
    Ok(())
}

/// Whether what `grant` stands on still holds: its Gatehouse session lives, its account
/// (`user`, and whether it may sign in) may sign in, and it still holds the subsystem's grant.
/// Otherwise the grant is revoked.
fn still_good(
    work: &mut Work,
    client: &ClientRow,
    grant: &oidc::GrantRow,
    (user, may_sign_in): &(User, bool),
) -> Result<Option<i64>, AppError> {
    let session = sessions::by_sid(work.conn, &grant.sid, now())?;
    let holds = may_sign_in_to(&portal::actor(work.conn, user)?, &client.code);
    match session {
        Some(s) if *may_sign_in && holds && grant.revoked_at.is_none() => Ok(Some(s.expires_at)),
        _ => {
            revoke_family(work, grant.id, "session, account or grant ended")?;
            Ok(None)
        }
    }
}

fn issue(
    work: &mut Work,
    ex: Exchange,
    (grant, account): (oidc::GrantRow, (User, bool)),
    with_nonce: bool,
) -> Done<Issued> {
    let Some(session_ends) = still_good(work, &ex.client, &grant, &account)? else {
        return refuse(grant_refused("the sign-in this grant came from has ended"));
    };
    let now = now();
    let access = new_secret();
    let refresh = new_secret();
    oidc::insert_token(work.conn, (&digest(&access), grant.id), oidc::TokenKind::Access, now + ACCESS_SECONDS, now)?;
    let refresh_ends = (now + REFRESH_SECONDS).min(session_ends);
    oidc::insert_token(work.conn, (&digest(&refresh), grant.id), oidc::TokenKind::Refresh, refresh_ends, now)?;
    // The subsystem's registered algorithm; RS256 if the stored one is unknown.
    let alg = ex.client.id_token_alg.parse().unwrap_or(SigningAlg::Rs256);
    let key = keys::signer(work.conn, &work.settings.keys, ex.opened, alg)?;
    let claims = id_token_claims(work.settings, &ex.client, (&grant, &account.0), with_nonce)?;
    let answer = TokenAnswer {
        access_token: access,
        token_type: "Bearer",
        expires_in: ACCESS_SECONDS,
        refresh_token: refresh,
        id_token: String::new(),
        scope: "openid",
    };
    Ok(Issued { answer, claims, key })
}

/// The ID token's claims: it names the account only (the rest is at userinfo).
fn id_token_claims(
    settings: &AuthSettings,
    client: &ClientRow,
    (grant, user): (&oidc::GrantRow, &User),
    with_nonce: bool,
) -> Result<IdTokenClaims<SessionClaim, CoreGenderClaim>, AppError> {
    let fields = ProfileField::parse_list(&grant.fields);
    let mut standard = StandardClaims::new(SubjectIdentifier::new(sub_of(user)));
    if fields.contains(&ProfileField::Username) {
        standard = standard.set_preferred_username(Some(EndUserUsername::new(user.username.clone())));
    }
    if fields.contains(&ProfileField::Name) {
        let name = LocalizedClaim::from(EndUserName::new(user.display_name.clone()));
        standard = standard.set_name(Some(name));
    }
    let issuer = IssuerUrl::new(super::issuer(settings)).map_err(|_| AppError::Internal)?;
    let now = now();
    Ok(IdTokenClaims::new(
        issuer,
        vec![Audience::new(client.code.clone())],
        time(now + ID_TOKEN_SECONDS),
        time(now),
        standard,
        SessionClaim { sid: grant.sid.clone() },
    )
    .set_auth_time(Some(time(grant.auth_time)))
    .set_nonce(grant.nonce.clone().filter(|_| with_nonce).map(Nonce::new))
    .set_auth_method_refs(Some(
        grant.amr.split_whitespace().map(|m| AuthenticationMethodReference::new(m.into())).collect(),
    ))
    .set_auth_context_ref(Some(AuthenticationContextClass::new(acr_of(&grant.amr).as_str().into()))))
}

#[cfg(test)]
mod tests {
    use super::pkce_matches;

    #[test]
    fn pkce_is_s256_of_a_well_formed_verifier() {
        use base64::Engine;
        use sha2::Digest;
        // RFC 7636 Appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(pkce_matches(verifier, challenge));
        assert!(!pkce_matches(&verifier[1..], challenge));
        // `plain` would send the verifier itself as the challenge: it never matches.
        assert!(!pkce_matches(verifier, verifier));
        let short = "abc";
        let short_challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(short));
        assert!(!pkce_matches(short, &short_challenge));
    }
}
