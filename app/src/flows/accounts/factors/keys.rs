//! What security keys and passkeys share: the relying party, the ceremony kept on the session
//! between its two requests, and the account's keys as the relying party reads them.

use base64::Engine;
use serde::{Deserialize, Serialize};
use webauthn_rs::prelude::{Passkey, PasskeyAuthentication, PasskeyRegistration, Webauthn};

use crate::{
    accounts::FactorKind,
    db::{ceremonies, factors, now, AnyConnection},
    error::AppError,
    i18n::Msg,
    state::Services,
};

/// How long the browser has to answer a ceremony (SPEC §3: 5 minutes).
pub const CEREMONY_SECONDS: i64 = 300;

/// The most keys one account may bind.
pub const MAX_KEYS: usize = 10;

/// A ceremony in progress, kept on the session that began it until it is answered once.
#[derive(Serialize, Deserialize)]
#[serde(tag = "purpose")]
pub(in crate::flows::accounts) enum Ceremony {
    Bind {
        name: String,
        state: PasskeyRegistration,
        expires_at: i64,
    },
    /// The sign-in's second step, or (`step_up`) a signed-in user proving a key again.
    Assert {
        state: PasskeyAuthentication,
        step_up: bool,
        expires_at: i64,
    },
}

impl Ceremony {
    pub fn put(&self, conn: &mut AnyConnection, session: &str) -> Result<(), AppError> {
        let text = serde_json::to_string(self).map_err(|_| AppError::Internal)?;
        Ok(ceremonies::put(conn, session, &text)?)
    }

    /// The session's ceremony, taken so that it serves once; `None` when there is none, or it
    /// has expired (an expired one is taken all the same).
    pub fn take(conn: &mut AnyConnection, session: &str) -> Result<Option<Ceremony>, AppError> {
        let Some(text) = ceremonies::take(conn, session)? else {
            return Ok(None);
        };
        let ceremony: Ceremony = serde_json::from_str(&text).map_err(|_| AppError::Internal)?;
        let expires_at = match &ceremony {
            Ceremony::Bind { expires_at, .. } | Ceremony::Assert { expires_at, .. } => *expires_at,
        };
        Ok((now() < expires_at).then_some(ceremony))
    }
}

/// What the browser sent, as webauthn-rs reads it; anything else is no key's answer.
pub(in crate::flows::accounts) fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, AppError> {
    serde_json::from_str(json).map_err(|_| AppError::invalid("key", Msg::KeyNotAccepted))
}

/// What the browser is to ask the key, as webauthn-rs writes it.
pub(in crate::flows::accounts) fn write<T: Serialize>(options: &T) -> Result<String, AppError> {
    serde_json::to_string(options).map_err(|_| AppError::Internal)
}

/// The answer to a ceremony that is gone: expired, answered already, or never begun here.
pub(in crate::flows::accounts) fn ceremony_gone() -> AppError {
    AppError::invalid("key", Msg::KeyCeremonyExpired)
}

/// The relying party, or a clear refusal when this server's address cannot be one.
pub(in crate::flows::accounts) fn relying_party(services: &Services) -> Result<std::sync::Arc<Webauthn>, AppError> {
    services.webauthn.clone().ok_or_else(|| AppError::invalid("key", Msg::KeysUnavailable))
}

/// One bound key: its factor row's id, its credential as stored, and as the relying party reads it.
pub(in crate::flows::accounts) struct BoundKey {
    pub id: i64,
    pub label: String,
    pub stored: String,
    pub passkey: Passkey,
}

pub(in crate::flows::accounts) fn bound_keys(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Vec<BoundKey>, AppError> {
    let mut keys = Vec::new();
    for f in factors::for_user(conn, user_id)?.into_iter().filter(|f| f.kind == FactorKind::SecurityKey) {
        let Some(stored) = f.credential else { continue };
        let passkey = serde_json::from_str(&stored).map_err(|e| {
            tracing::error!(factor = f.id, error = %e, "a stored security key cannot be read");
            AppError::Internal
        })?;
        keys.push(BoundKey { id: f.id, label: f.label, stored, passkey });
    }
    Ok(keys)
}

/// The key's credential id as the factors table keeps it, unique across every account.
pub(in crate::flows::accounts) fn external_id(passkey: &Passkey) -> String {
    let id: &[u8] = passkey.cred_id().as_ref();
    format!("webauthn:{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(id))
}
