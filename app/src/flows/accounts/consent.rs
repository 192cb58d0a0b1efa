//! 同意授權 (SPEC §4): the first visit to a subsystem asks its user to agree to share the named
//! profile fields with it; the account page lists what was agreed to, and each can be
//! withdrawn (the subsystem then asks again). Each is audited on the account.

use crate::{
    accounts::{AuditEvent, AuditMethod, AuditOutcome, Consent},
    auth::RequestInfo,
    db::{consents, now, portal, users::User, AnyConnection},
    error::AppError,
    flows::{authorize, work::Services},
    i18n::Locale,
    permissions::{Action, Subsystem},
};

/// The consents of `user_id` to the active subsystems among `codes`.
fn consents_of(
    conn: &mut AnyConnection,
    locale: Locale,
    user_id: i64,
    codes: &[&str],
) -> Result<Vec<Consent>, AppError> {
    let mut found = Vec::new();
    for s in portal::active_subsystems(conn, locale)?.into_iter().filter(|s| codes.contains(&s.code.as_str())) {
        let accepted_at = consents::accepted_at(conn, user_id, &s.code)?;
        found.push(Consent { code: s.code, name: s.name, accepted_at });
    }
    Ok(found)
}

/// What opening the subsystem takes: only those who may are asked for its consent.
fn opens(subsystem: Subsystem, org_id: i64) -> Action {
    match subsystem {
        Subsystem::Assets => Action::ReadInventory(org_id),
    }
}

/// Refuses a member working on its own organization's data in `subsystem` before it agreed
/// to the consent: the page asks first, and this keeps a direct request from going around it.
/// The central authority's oversight of other organizations is not a use that asks.
pub fn require(conn: &mut AnyConnection, user: &User, org_id: i64, subsystem: Subsystem) -> Result<(), AppError> {
    if user.org_id != org_id || consents::accepted_at(conn, user.id, subsystem.code())?.is_some() {
        return Ok(());
    }
    Err(AppError::ConsentRequired)
}

/// The subsystem `code`'s consent for the signed-in account; `Forbidden` for an account that
/// may not open the subsystem (the subsystem says so itself).
pub async fn view(services: &Services, info: RequestInfo, code: String) -> Result<Consent, AppError> {
    let subsystem = Subsystem::of(&code).ok_or(AppError::NotFound)?;
    let (current, _) = authorize(services, &info, |u| opens(subsystem, u.org_id)).await?;
    let locale = info.locale;
    services
        .read(move |conn| {
            consents_of(conn, locale, current.user.id, &[subsystem.code()])?.pop().ok_or(AppError::NotFound)
        })
        .await
}

/// Agrees (`on`) to share the profile with the subsystem `code`, or withdraws.
pub async fn set(services: &Services, info: RequestInfo, code: String, on: bool) -> Result<(), AppError> {
    let subsystem = Subsystem::of(&code).ok_or(AppError::NotFound)?;
    let (current, _) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    services
        .write(&info, move |work| {
            let user = &current.user;
            let changed = if on {
                consents::give(work.conn, user.id, subsystem.code(), now())?
            } else {
                consents::withdraw(work.conn, user.id, subsystem.code())?
            };
            if changed {
                let event = if on { AuditEvent::ConsentGiven } else { AuditEvent::ConsentWithdrawn };
                work.audit(event, AuditOutcome::Success)
                    .subject(user)
                    .method(AuditMethod::Consent)
                    .detail(subsystem.code())
                    .write()?;
            }
            Ok(())
        })
        .await
}

/// The subsystems the signed-in account agreed to share its profile with.
pub async fn mine(services: &Services, info: RequestInfo) -> Result<Vec<Consent>, AppError> {
    let (current, _) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    let locale = info.locale;
    services
        .read(move |conn| {
            let codes: Vec<&str> = Subsystem::ALL.iter().map(|s| s.code()).collect();
            let all = consents_of(conn, locale, current.user.id, &codes)?;
            Ok(all.into_iter().filter(|c| c.accepted_at.is_some()).collect())
        })
        .await
}
