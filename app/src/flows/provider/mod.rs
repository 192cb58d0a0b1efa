//! Gatehouse as the OpenID Connect provider of the subsystems (SPEC §6): the authorization
//! request, the token endpoint, userinfo, revocation and introspection, the signing keys and
//! the registry. Every piece of state is in the database, so that several servers on one
//! PostgreSQL are one provider. What both sides share (fields, `amr`, registrations) is in
//! `crate::provider`.

pub mod asking;
pub mod authorize;
mod claims;
pub mod client_auth;
pub mod consent;
pub mod discovery;
pub mod keys;
pub mod logout;
pub mod registry;
pub mod token;
pub mod token_info;

use crate::auth::{random_bytes, AuthSettings};

/// An authorization code works for this long, once.
pub const CODE_SECONDS: i64 = 60;
/// An access token's life; a subsystem refreshes it.
pub const ACCESS_SECONDS: i64 = 10 * 60;
/// An ID token's life.
pub const ID_TOKEN_SECONDS: i64 = 10 * 60;
/// A refresh token's longest life; it also ends with the Gatehouse session it came from.
pub const REFRESH_SECONDS: i64 = 12 * 60 * 60;

/// Whether a browser page at `origin` may call the token, userinfo and revocation endpoints
/// (CORS): it is the origin of a redirect URI of an active public subsystem, a single-page
/// application that holds no secret. Confidential subsystems call from their servers.
pub async fn cors_allowed(
    services: &crate::flows::work::Services,
    origin: String,
) -> Result<bool, crate::error::AppError> {
    services
        .read(move |conn| {
            let public = crate::db::clients::all(conn)?
                .into_iter()
                .filter(|c| c.active && c.client_kind == crate::provider::ClientKind::Public.as_str());
            Ok(public
                .flat_map(|c| crate::provider::address_list(&c.redirect_uris))
                .any(|uri| crate::provider::origin_of(&uri) == Some(origin.as_str())))
        })
        .await
}

/// Whether `user` is locked now (too many wrong secrets). A lock stops new
/// sign-ins to subsystems, refreshes and userinfo while it lasts, but ends nothing: it is
/// usually caused by someone else's guesses, and must not let them sign a teacher out.
pub(crate) fn account_locked(
    conn: &mut crate::db::AnyConnection,
    user: &crate::db::users::User,
) -> Result<bool, crate::error::AppError> {
    Ok(crate::db::failures::locked(conn, &user.username_key, crate::db::now())?.is_some())
}

/// The provider's issuer: the public address, as subsystems discover it.
pub fn issuer(settings: &AuthSettings) -> String {
    settings.public_url.trim_end_matches('/').to_string()
}

/// How codes, tokens and client secrets are stored: their SHA-256, as session tokens are.
/// Each is 256 random bits, so a fast hash gives nothing away.
pub(crate) use crate::flows::session::token_hash as digest;

/// A fresh code, token or client secret: 256 random bits, URL-safe.
pub(crate) fn new_secret() -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}
