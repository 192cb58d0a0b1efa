//! What a subsystem asks about tokens: userinfo (with the access token), introspection
//! (RFC 7662, for its APIs) and revocation (RFC 7009). A token is only ever described to, or
//! revoked by, the subsystem it was issued to.

use serde_json::{json, Map, Value};

use super::{
    claims::Subject,
    client_auth::{authenticate, ClientCredentials},
    digest,
};
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome},
    auth::RequestInfo,
    db::{clients, now, oidc, users, AnyConnection},
    error::AppError,
    flows::work::Services,
    provider::ProfileField,
};

/// The token whose value this is, if it is live now: not expired, its grant not revoked, a
/// refresh token not used, its account still able to sign in.
fn live(conn: &mut AnyConnection, token: &str) -> Result<Option<(oidc::TokenRow, oidc::GrantRow)>, AppError> {
    let now = now();
    let Some((row, grant)) = oidc::token(conn, &digest(token))? else { return Ok(None) };
    let alive = row.expires_at > now && grant.revoked_at.is_none() && row.used_at.is_none();
    if !alive {
        return Ok(None);
    }
    let (user, may_sign_in) = users::find_signing_in(conn, grant.user_id)?;
    if !may_sign_in || super::account_locked(conn, &user)? {
        return Ok(None);
    }
    Ok(Some((row, grant)))
}

fn invalid_token() -> AppError {
    AppError::oauth("invalid_token", "the access token is not valid")
}

/// The claims userinfo answers for a bearer `token`.
pub async fn userinfo(services: &Services, token: Option<String>) -> Result<Map<String, Value>, AppError> {
    let token = token.ok_or_else(invalid_token)?;
    services
        .read(move |conn| {
            let (row, grant) = live(conn, &token)?.ok_or_else(invalid_token)?;
            let client = clients::find_id(conn, grant.subsystem_id)?.ok_or_else(invalid_token)?;
            if row.kind != oidc::TokenKind::Access || !client.active {
                return Err(invalid_token());
            }
            let subject = Subject::load(conn, grant.user_id, &client)?;
            Ok(subject.userinfo(&ProfileField::parse_list(&grant.fields)))
        })
        .await
}

/// RFC 7662: whether `token` is active, and if it is, about it; a token of another subsystem
/// is not active for the one asking.
pub async fn introspect(
    services: &Services,
    credentials: ClientCredentials,
    token: Option<String>,
) -> Result<Value, AppError> {
    let issuer = super::issuer(&services.settings);
    services
        .read(move |conn| {
            let client = authenticate(conn, &credentials)?;
            let token = token.ok_or_else(|| AppError::oauth("invalid_request", "token is required"))?;
            let Some((row, grant)) = live(conn, &token)?.filter(|(_, g)| g.subsystem_id == client.id) else {
                return Ok(json!({ "active": false }));
            };
            Ok(json!({
                "active": true,
                "client_id": client.code,
                "sub": grant.user_id.to_string(),
                "sid": grant.sid,
                "iss": issuer,
                "aud": client.code,
                "exp": row.expires_at,
                "iat": row.created_at,
                "scope": "openid",
                "token_type": if row.kind == oidc::TokenKind::Access { "Bearer" } else { "refresh_token" },
            }))
        })
        .await
}

/// RFC 7009: ends `token` if it is the asking subsystem's (a refresh token with its whole
/// family); answers the same whether or not it was.
pub async fn revoke(
    services: &Services,
    info: &RequestInfo,
    credentials: ClientCredentials,
    token: Option<String>,
) -> Result<(), AppError> {
    services
        .write(info, move |work| {
            let client = authenticate(work.conn, &credentials)?;
            let token = token.ok_or_else(|| AppError::oauth("invalid_request", "token is required"))?;
            let hash = digest(&token);
            let Some((row, grant)) = oidc::token(work.conn, &hash)?.filter(|(_, g)| g.subsystem_id == client.id) else {
                return Ok(());
            };
            let now = now();
            let ended = match row.kind {
                oidc::TokenKind::Refresh => oidc::revoke_grant(work.conn, grant.id, now)?,
                oidc::TokenKind::Access => {
                    oidc::expire_token(work.conn, &hash, now)?;
                    true
                }
            };
            if ended {
                let user = users::find(work.conn, grant.user_id)?;
                work.audit(AuditEvent::TokensRevoked, AuditOutcome::Success)
                    .subject(&user)
                    .method(AuditMethod::Provider)
                    .detail(format!(
                        "{} revoked by {}",
                        if row.kind == oidc::TokenKind::Refresh { "family" } else { "access token" },
                        client.code
                    ))
                    .write()?;
            }
            Ok(())
        })
        .await
}
