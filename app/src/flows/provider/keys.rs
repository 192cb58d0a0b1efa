//! The provider's signing keys: made on first use, rotated on a schedule and on command.
//! Each algorithm has a current key that signs and a next one already published, so that a
//! subsystem caching the key set knows a key before it signs anything; a retired key stays
//! published until every token it signed has expired.

use std::sync::Arc;

use base64::Engine;

use super::{ACCESS_SECONDS, ID_TOKEN_SECONDS};
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome},
    auth::{
        signing::{jwks_from_json, OpenedKeys, SigningAlg, SigningKey},
        Keys,
    },
    db::{now, signing_keys as stored, AnyConnection},
    error::AppError,
    flows::work::Work,
};

/// A current key signs for this long before the scheduled rotation replaces it.
pub const ROTATE_EVERY: i64 = 30 * 24 * 60 * 60;
/// A retired key stays published this long: past every token it signed, and past a day of a
/// subsystem's cache of the key set.
pub const PUBLISHED_AFTER_RETIRING: i64 = 24 * 60 * 60 + ID_TOKEN_SECONDS + ACCESS_SECONDS;
/// The sealing owner of signing keys (an account id for authenticator secrets): none.
const SEAL_OWNER: i64 = 0;

fn new_row(conn: &mut AnyConnection, keys: &Keys, alg: SigningAlg, active_from: i64) -> Result<(), AppError> {
    let key = SigningKey::generate(alg).map_err(|e| {
        tracing::error!(error = %e, "a signing key could not be made");
        AppError::Internal
    })?;
    let der = base64::engine::general_purpose::STANDARD.encode(key.pkcs8());
    let sealed = keys.seal(SEAL_OWNER, &der).ok_or(AppError::Internal)?;
    let public = key.public_jwk_json().map_err(|_| AppError::Internal)?;
    let row =
        stored::NewKey { kid: key.kid(), alg: alg.as_str(), private_key: &sealed, public_jwk: &public, active_from };
    stored::insert(conn, &row, now())?;
    Ok(())
}

/// Makes what is missing: for each algorithm a current key and a next one. Idempotent; run at
/// start and before signing. Two servers starting at once each see the other's rows inside
/// their write transactions.
pub fn ensure(conn: &mut AnyConnection, keys: &Keys, now: i64) -> Result<(), AppError> {
    for alg in SigningAlg::ALL {
        let unretired = stored::unretired(conn, alg.as_str())?;
        if !unretired.iter().any(|k| k.active_from <= now) {
            new_row(conn, keys, alg, now)?;
        }
        if !unretired.iter().any(|k| k.active_from > now) {
            new_row(conn, keys, alg, now + ROTATE_EVERY)?;
        }
    }
    Ok(())
}

/// Rotates every algorithm's keys now: the current key retires (published a while longer),
/// the next one signs, and a new next one is made. Audited when `by` (an account) asked.
pub fn rotate(work: &mut Work, by: Option<i64>) -> Result<(), AppError> {
    let now = now();
    ensure(work.conn, &work.settings.keys, now)?;
    for alg in SigningAlg::ALL {
        let unretired = stored::unretired(work.conn, alg.as_str())?;
        for current in unretired.iter().filter(|k| k.active_from <= now) {
            stored::retire(work.conn, current.id, now, now + PUBLISHED_AFTER_RETIRING)?;
        }
        if let Some(next) = unretired.iter().filter(|k| k.active_from > now).min_by_key(|k| k.active_from) {
            stored::activate(work.conn, next.id, now)?;
        }
    }
    ensure(work.conn, &work.settings.keys, now + 1)?;
    stored::delete_expired(work.conn, now)?;
    let mut audit = work.audit(AuditEvent::SigningKeysRotated, AuditOutcome::Success).method(AuditMethod::Provider);
    if let Some(by) = by {
        audit = audit.actor(by);
    }
    audit.write()
}

/// Whether the scheduled rotation is due: a current key has signed for `ROTATE_EVERY`.
pub fn rotation_due(conn: &mut AnyConnection, now: i64) -> Result<bool, AppError> {
    for alg in SigningAlg::ALL {
        if let Some(current) = stored::current(conn, alg.as_str(), now)? {
            if now - current.active_from >= ROTATE_EVERY {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The key that signs with `alg` now, opened with the installation's key (once per key in
/// this process: `opened` keeps it).
pub fn signer(
    conn: &mut AnyConnection,
    keys: &Keys,
    opened: &OpenedKeys,
    alg: SigningAlg,
) -> Result<Arc<SigningKey>, AppError> {
    let now = now();
    let kid = match stored::current_kid(conn, alg.as_str(), now)? {
        Some(kid) => kid,
        None => {
            ensure(conn, keys, now)?;
            stored::current_kid(conn, alg.as_str(), now)?.ok_or(AppError::Internal)?
        }
    };
    if let Some(key) = opened.get(&kid) {
        return Ok(key);
    }
    let row = stored::by_kid(conn, &kid)?.ok_or(AppError::Internal)?;
    let der = keys
        .open(SEAL_OWNER, &row.private_key)
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .ok_or_else(|| {
            tracing::error!(kid = %row.kid, "a signing key cannot be opened with this secret key");
            AppError::Internal
        })?;
    let key = SigningKey::from_pkcs8(row.kid.clone(), alg, &der).map_err(|e| {
        tracing::error!(kid = %row.kid, error = %e, "a stored signing key is damaged");
        AppError::Internal
    })?;
    Ok(opened.keep(key))
}

/// The published key set (JWKS) as JSON: next, current and recently retired keys.
fn published_json(conn: &mut AnyConnection) -> Result<String, AppError> {
    let rows = stored::published(conn, now())?;
    let set = jwks_from_json(rows.iter().map(|r| r.public_jwk.as_str())).map_err(|e| {
        tracing::error!(error = %e, "a published key is damaged");
        AppError::Internal
    })?;
    serde_json::to_string(&set).map_err(|_| AppError::Internal)
}

/// The published key set, with the keys made first on a new installation.
pub async fn key_set(services: &crate::flows::work::Services) -> Result<String, AppError> {
    let keys = services.settings.keys.clone();
    let published = services.read(|conn| Ok(stored::published(conn, now())?.len())).await?;
    if published < 2 * SigningAlg::ALL.len() {
        services.pool.write(move |conn| ensure(conn, &keys, now())).await?;
    }
    services.read(published_json).await
}
