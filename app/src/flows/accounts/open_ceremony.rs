//! A ceremony that begins before there is a session, or leaves the site and comes back: a
//! password-free sign-in with a passkey, or a trip to the OpenID Connect provider. It waits under
//! the hash of a random token that the browser hands back (single use, 5 minutes), and says what
//! it is, so that an answer to one kind is never read as the other.

use serde::{Deserialize, Serialize};
use webauthn_rs::prelude::DiscoverableAuthentication;

use super::factors::keys::{write, CEREMONY_SECONDS};
use crate::{
    auth::RequestInfo,
    db::{ceremonies, now, rate_limits, AnyConnection},
    error::AppError,
    flows::session::token_hash,
};

/// Ceremonies one client address may begin in a window, passkeys and provider trips together:
/// a person retries a few times, and nobody fills the table (each writes a row before anyone
/// has proved anything).
const BEGUN_PER_CLIENT: i32 = 60;
const WINDOW_SECONDS: i64 = 15 * 60;

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
    /// Counts one ceremony begun by this client; `Busy` past its share of the window.
    pub fn admit(conn: &mut AnyConnection, info: &RequestInfo) -> Result<(), AppError> {
        let key = format!("ceremony:client:{}", info.ip);
        if !rate_limits::hit(conn, &key, now(), WINDOW_SECONDS, BEGUN_PER_CLIENT)? {
            return Err(AppError::Busy { retry_after: 60 });
        }
        Ok(())
    }

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
