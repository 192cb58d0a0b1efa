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
    let signed_in = crate::db::oidc::signed_in_to(conn, user_id)?;
    for s in portal::active_subsystems(conn, locale)?.into_iter().filter(|s| codes.contains(&s.code.as_str())) {
        let accepted_at = consents::accepted_at(conn, user_id, &s.code)?;
        let registered = crate::db::clients::find(conn, &s.code)?;
        let agreed = consents::agreed_fields(conn, user_id, &s.code)?;
        let fields = agreed.or(registered.as_ref().map(|r| r.fields.clone())).unwrap_or_default();
        let last_sign_in = registered.and_then(|r| signed_in.iter().find(|(id, _)| *id == r.id).map(|(_, at)| *at));
        found.push(Consent {
            code: s.code,
            name: s.name,
            accepted_at,
            fields: crate::provider::ProfileField::parse_list(&fields),
            last_sign_in,
        });
    }
    Ok(found)
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
    // Only built-in subsystems ask here (a registered one asks on the provider's page), and only
    // those who may open one are asked: the asset inventory's readers.
    let subsystem = Subsystem::builtin(&code).ok_or(AppError::NotFound)?;
    let (current, _) = authorize(services, &info, |u| Action::ReadInventory(u.org_id)).await?;
    let locale = info.locale;
    services
        .read(move |conn| {
            consents_of(conn, locale, current.user.id, &[subsystem.code()])?.pop().ok_or(AppError::NotFound)
        })
        .await
}

/// Agrees (`on`) to share the profile with the built-in subsystem `code`, or withdraws a
/// consent to any subsystem (a registered one's tokens end with it). A registered subsystem
/// is agreed to on the provider's own page (`flows::provider::consent`).
pub async fn set(services: &Services, info: RequestInfo, code: String, on: bool) -> Result<(), AppError> {
    if on && Subsystem::builtin(&code).is_none() {
        return Err(AppError::NotFound);
    }
    let (current, _) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    services
        .write(&info, move |work| {
            let user = &current.user;
            let fields = crate::db::clients::find(work.conn, &code)?.ok_or(AppError::NotFound)?.fields;
            let changed = if on {
                consents::give(work.conn, user.id, &code, &fields, now())?
            } else {
                consents::withdraw(work.conn, user.id, &code)?
            };
            if changed {
                let event = if on { AuditEvent::ConsentGiven } else { AuditEvent::ConsentWithdrawn };
                work.audit(event, AuditOutcome::Success)
                    .subject(user)
                    .method(AuditMethod::Consent)
                    .detail(&code)
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
            let held = consents::codes_of(conn, current.user.id)?;
            let codes: Vec<&str> = held.iter().map(String::as_str).collect();
            let all = consents_of(conn, locale, current.user.id, &codes)?;
            Ok(all.into_iter().filter(|c| c.accepted_at.is_some()).collect())
        })
        .await
}
