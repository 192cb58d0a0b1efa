//! A ceremony that begins before there is a session, or leaves the site and comes back: a
//! password-free sign-in with a passkey, or a trip to the OpenID Connect provider. It waits under
//! the hash of a random token that the browser hands back (single use, 5 minutes), and says what
//! it is, so that an answer to one kind is never read as the other.

use serde::{Deserialize, Serialize};
use webauthn_rs::prelude::DiscoverableAuthentication;

use super::keys::{write, CEREMONY_SECONDS};
use crate::{
    db::{ceremonies, now, AnyConnection},
    error::AppError,
    flows::session::token_hash,
};

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind")]
pub(super) enum OpenCeremony {
    Passkey {
        state: DiscoverableAuthentication,
    },
    /// The provider's sign-in, or (`link_session`, the hash of the session that asked) linking
    /// the provider's account to a signed-in one.
    Oidc {
        nonce: String,
        pkce_verifier: String,
        link_session: Option<String>,
    },
}

impl OpenCeremony {
    pub fn put(&self, conn: &mut AnyConnection, token: &str) -> Result<(), AppError> {
        Ok(ceremonies::put_open(conn, &token_hash(token), &write(self)?, now() + CEREMONY_SECONDS)?)
    }

    /// The ceremony under `token`, taken so that it serves once; `None` when there is none or it
    /// has expired.
    pub fn take(conn: &mut AnyConnection, token: &str) -> Result<Option<OpenCeremony>, AppError> {
        let Some(text) = ceremonies::take_open(conn, &token_hash(token), now())? else {
            return Ok(None);
        };
        Ok(Some(serde_json::from_str(&text).map_err(|_| AppError::Internal)?))
    }
}
