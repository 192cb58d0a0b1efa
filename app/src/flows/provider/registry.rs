//! 子系統管理: the central authority registers subsystems, changes them, rotates their
//! secrets and turns them off, on the admin page or from the command line. A secret is shown
//! once and stored as its hash; rotating keeps the old one working for an overlap, so that a
//! subsystem can be switched without downtime.

use super::{digest, keys, new_secret};
use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome},
    db::{clients, now, users::User},
    error::AppError,
    flows::work::{Done, Work},
    provider::{ClientKind, IdTokenAlg, RegisteredSubsystem, Registration},
};

/// How long an old secret keeps working after a rotation.
pub const SECRET_OVERLAP: i64 = 7 * 24 * 60 * 60;

fn audit(work: &mut Work, event: AuditEvent, by: Option<&User>, code: &str) -> Result<(), AppError> {
    let method = if by.is_some() { AuditMethod::Provider } else { AuditMethod::Cli };
    let mut record = work.audit(event, AuditOutcome::Success).method(method).detail(code);
    if let Some(by) = by {
        record = record.by(by);
    }
    record.write()
}

fn registration_of(row: &clients::ClientRow) -> Registration {
    Registration {
        code: row.code.clone(),
        name_zh: row.name_zh.clone(),
        name_en: row.name_en.clone(),
        description_zh: row.description_zh.clone(),
        description_en: row.description_en.clone(),
        kind: ClientKind::of(&row.client_kind).unwrap_or_default(),
        home_url: row.path.clone(),
        redirect_uris: row.redirect_uris.clone(),
        post_logout_redirect_uris: row.post_logout_redirect_uris.clone(),
        backchannel_logout_uri: row.backchannel_logout_uri.clone(),
        privacy_url: row.privacy_url.clone(),
        terms_url: row.terms_url.clone(),
        fields: row.fields.clone(),
        functions: row.functions.clone(),
        id_token_alg: IdTokenAlg::of(&row.id_token_alg).unwrap_or_default(),
    }
}

/// Every subsystem but the built-in ones.
pub fn list(work: &mut Work) -> Done<Vec<RegisteredSubsystem>> {
    let now = now();
    let mut listed = Vec::new();
    for row in clients::all(work.conn)?.into_iter().filter(|r| r.client_kind != ClientKind::Builtin.as_str()) {
        let (secret_made_at, old_secret_until) = clients::secret_dates(work.conn, row.id, now)?;
        listed.push(RegisteredSubsystem {
            registration: registration_of(&row),
            active: row.active,
            secret_made_at,
            old_secret_until,
        });
    }
    Ok(listed)
}

/// Registers a new subsystem, or changes the one with its code. A new confidential one gets
/// its first secret, returned once.
pub fn save(work: &mut Work, by: Option<&User>, registration: Registration) -> Done<Option<String>> {
    let r = registration.normalized();
    r.check()?;
    let now = now();
    match clients::find(work.conn, &r.code)? {
        Some(existing) if existing.client_kind == ClientKind::Builtin.as_str() => {
            Err(AppError::invalid("code", crate::i18n::Msg::SubsystemBuiltin).into())
        }
        Some(_) => {
            clients::update(work.conn, &r, now)?;
            audit(work, AuditEvent::SubsystemChanged, by, &r.code)?;
            Ok(None)
        }
        None => {
            let id = clients::insert(work.conn, &r, now)?;
            audit(work, AuditEvent::SubsystemRegistered, by, &r.code)?;
            if r.kind != ClientKind::Confidential {
                return Ok(None);
            }
            let secret = new_secret();
            clients::add_secret(work.conn, id, &digest(&secret), now, now)?;
            Ok(Some(secret))
        }
    }
}

/// A new secret for the confidential subsystem `code`, returned once; the old one works
/// for `SECRET_OVERLAP` more.
pub fn rotate_secret(work: &mut Work, by: Option<&User>, code: &str) -> Done<String> {
    let client = clients::find(work.conn, code)?.ok_or(AppError::NotFound)?;
    if client.client_kind != ClientKind::Confidential.as_str() {
        return Err(AppError::invalid("code", crate::i18n::Msg::SubsystemNoSecret).into());
    }
    let now = now();
    let secret = new_secret();
    clients::add_secret(work.conn, client.id, &digest(&secret), now + SECRET_OVERLAP, now)?;
    audit(work, AuditEvent::ClientSecretRotated, by, code)?;
    Ok(secret)
}

/// Turns the subsystem `code` on or off; off stops every sign-in to it at once (its tokens
/// are refused from then on).
pub fn set_active(work: &mut Work, by: Option<&User>, code: &str, active: bool) -> Done<()> {
    if !clients::set_active(work.conn, code, active, now())? {
        return Err(AppError::NotFound.into());
    }
    audit(work, AuditEvent::SubsystemChanged, by, &format!("{code}: {}", if active { "on" } else { "off" }))?;
    Ok(())
}

/// Rotates the provider's signing keys now.
pub fn rotate_keys(work: &mut Work, by: Option<&User>) -> Done<()> {
    keys::rotate(work, by.map(|u| u.id))?;
    Ok(())
}
