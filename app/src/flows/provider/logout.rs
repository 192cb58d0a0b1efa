//! Single sign-out. Back-channel: when a Gatehouse session ends, or a grant a subsystem holds
//! is taken back, each subsystem that registered a back-channel logout URI is sent a logout
//! token (OpenID Connect Back-Channel Logout 1.0: `typ` `logout+jwt`, `sid`, `events`),
//! queued in the database by `db::oidc::end_sessions` / `end_grants` and delivered by every
//! server's worker, each delivery claimed by one of them. RP-initiated logout: a subsystem
//! sends its user to `/oidc/logout` with its ID token, and the Gatehouse session ends.

use serde_json::json;

use super::{issuer, keys, new_secret};
use crate::{
    auth::{
        signing::{sign_jwt, OpenedKeys, SigningAlg, LOGOUT_TOKEN_TYP},
        AuthSettings,
    },
    db::{now, oidc::LogoutDelivery, AnyConnection},
    error::AppError,
};

/// How long a logout token is good for: it is sent at once, or again with a new one.
const LOGOUT_TOKEN_SECONDS: i64 = 120;

/// The logout token of `delivery`, signed now.
pub fn logout_token(
    conn: &mut AnyConnection,
    (settings, opened): (&AuthSettings, &OpenedKeys),
    delivery: &LogoutDelivery,
) -> Result<String, AppError> {
    let key = keys::signer(conn, &settings.keys, opened, SigningAlg::Rs256)?;
    let now = now();
    let claims = json!({
        "iss": issuer(settings),
        "aud": delivery.client_id,
        "iat": now,
        "exp": now + LOGOUT_TOKEN_SECONDS,
        "jti": new_secret(),
        "sub": delivery.user_id.to_string(),
        "sid": delivery.sid,
        "events": { "http://schemas.openid.net/event/backchannel-logout": {} },
    });
    sign_jwt(&key, Some(LOGOUT_TOKEN_TYP), &claims).map_err(|e| {
        tracing::error!(error = %e, "a logout token could not be signed");
        AppError::Internal
    })
}

/// An RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0).
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct LogoutRequest {
    pub id_token_hint: Option<String>,
    pub post_logout_redirect_uri: Option<String>,
    pub state: Option<String>,
    pub client_id: Option<String>,
}

/// The subsystem and Gatehouse session an ID token this provider signed names, if the
/// signature holds (an expired token is still a good hint).
fn hint(conn: &mut AnyConnection, settings: &AuthSettings, token: &str) -> Result<Option<(String, String)>, AppError> {
    use openidconnect::{ClientId, IssuerUrl, Nonce};
    use std::str::FromStr;
    let Ok(token) = super::token::GatehouseIdToken::from_str(token) else { return Ok(None) };
    let rows = crate::db::signing_keys::published(conn, now())?;
    let Ok(jwks) = crate::auth::signing::jwks_from_json(rows.iter().map(|r| r.public_jwk.as_str())) else {
        return Ok(None);
    };
    let Ok(issuer) = IssuerUrl::new(issuer(settings)) else { return Ok(None) };
    let verifier =
        openidconnect::core::CoreIdTokenVerifier::new_public_client(ClientId::new(String::new()), issuer, jwks)
            .require_audience_match(false)
            .set_time_fn(|| chrono::DateTime::from_timestamp(0, 0).unwrap_or_default());
    let Ok(claims) = token.claims(&verifier, |_: Option<&Nonce>| Ok(())) else { return Ok(None) };
    let Some(client) = claims.audiences().first() else { return Ok(None) };
    Ok(Some((client.to_string(), claims.additional_claims().sid.clone())))
}

/// Where the browser goes after an RP-initiated logout: the subsystem's registered address
/// (with its `state`), or Gatehouse's home. The Gatehouse session ends only when the hint
/// names this browser's own session: a link from elsewhere signs no one out.
pub async fn end_session(
    services: &crate::flows::work::Services,
    info: &crate::auth::RequestInfo,
    request: LogoutRequest,
) -> Result<String, AppError> {
    let settings = services.settings.clone();
    services
        .write(info, move |work| {
            let named = match request.id_token_hint.as_deref() {
                Some(token) => hint(work.conn, &settings, token)?,
                None => None,
            };
            let Some((client, sid)) = named else { return Ok("/".to_string()) };
            if request.client_id.as_deref().is_some_and(|c| c != client) {
                return Ok("/".to_string());
            }
            if let Some(current) = crate::flows::session::current(work)?.filter(|c| c.session.sid == sid) {
                crate::db::sessions::delete(work.conn, &current.session.id_hash)?;
                work.audit(crate::accounts::AuditEvent::SignOut, crate::accounts::AuditOutcome::Success)
                    .subject(&current.user)
                    .method(crate::accounts::AuditMethod::Provider)
                    .detail(&client)
                    .write()?;
                crate::flows::session::clear_cookie(work);
            }
            let registered = crate::db::clients::find(work.conn, &client)?
                .map(|c| crate::provider::address_list(&c.post_logout_redirect_uris))
                .unwrap_or_default();
            Ok(match request.post_logout_redirect_uri.filter(|u| registered.contains(u)) {
                Some(uri) => match request.state {
                    Some(state) => format!(
                        "{uri}{}{}",
                        if uri.contains('?') { '&' } else { '?' },
                        crate::url::query_string(&[("state", &state)])
                    ),
                    None => uri,
                },
                None => "/".to_string(),
            })
        })
        .await
}
