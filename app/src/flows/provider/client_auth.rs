//! How a subsystem proves itself at the token, revocation and introspection endpoints:
//! `client_secret_basic`, `client_secret_post`, or, for a public client, its id alone (its
//! PKCE verifier is the proof at the token endpoint).

use super::digest;
use crate::{
    auth::same,
    db::{clients, now, AnyConnection},
    error::AppError,
    provider::ClientKind,
};

/// The client credentials a request carried, from its `Authorization: Basic` header or its
/// form (the route reads both; using both at once is refused there).
#[derive(Clone, Debug, Default)]
pub struct ClientCredentials {
    pub client_id: Option<String>,
    pub secret: Option<String>,
}

fn refused(description: &str) -> AppError {
    AppError::oauth("invalid_client", description)
}

/// The registered, active subsystem these credentials prove, or `invalid_client`.
pub fn authenticate(conn: &mut AnyConnection, credentials: &ClientCredentials) -> Result<clients::ClientRow, AppError> {
    let id = credentials.client_id.as_deref().ok_or_else(|| refused("client authentication is required"))?;
    let client = clients::find(conn, id)?.ok_or_else(|| refused("unknown client"))?;
    if !client.active {
        return Err(refused("this subsystem is turned off"));
    }
    match (ClientKind::of(&client.client_kind), credentials.secret.as_deref()) {
        (Some(ClientKind::Confidential), Some(secret)) => {
            let presented = digest(secret);
            // Every live secret is compared, so the time taken does not say which matched.
            let live = clients::live_secrets(conn, client.id, now())?;
            if live.iter().fold(false, |found, hash| found | same(hash, &presented)) {
                Ok(client)
            } else {
                Err(refused("wrong client secret"))
            }
        }
        (Some(ClientKind::Confidential), None) => Err(refused("this subsystem must authenticate with its secret")),
        (Some(ClientKind::Public), None) => Ok(client),
        (Some(ClientKind::Public), Some(_)) => Err(refused("a public subsystem has no secret")),
        (Some(ClientKind::Builtin) | None, _) => Err(refused("unknown client")),
    }
}

impl ClientCredentials {
    /// The credentials of a request: its `Authorization: Basic` header (client_secret_basic)
    /// or its form's `client_id` and `client_secret` (client_secret_post, or a public client's
    /// id). Both ways at once, or a header that is not Basic, is refused (RFC 6749 §2.3). The
    /// header's two parts are form-encoded before base64 (RFC 6749 §2.3.1): openid-client
    /// escapes even `-` and `_`.
    pub fn from_request(
        authorization: Option<&str>,
        form_id: Option<String>,
        form_secret: Option<String>,
    ) -> Result<ClientCredentials, AppError> {
        use base64::Engine;
        let Some(header) = authorization else {
            return Ok(ClientCredentials { client_id: form_id, secret: form_secret });
        };
        let malformed = || refused("the Authorization header is not client_secret_basic");
        let encoded = header.strip_prefix("Basic ").ok_or_else(malformed)?;
        let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).map_err(|_| malformed())?;
        let text = String::from_utf8(decoded).map_err(|_| malformed())?;
        let (id, secret) = text.split_once(':').ok_or_else(malformed)?;
        let id = crate::url::decode_form_component(id).ok_or_else(malformed)?;
        let secret = crate::url::decode_form_component(secret).ok_or_else(malformed)?;
        if form_secret.is_some() || form_id.as_deref().is_some_and(|f| f != id.as_str()) {
            return Err(AppError::oauth("invalid_request", "client credentials were sent in two ways"));
        }
        Ok(ClientCredentials { client_id: Some(id), secret: Some(secret) })
    }
}
