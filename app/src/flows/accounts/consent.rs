//! 同意授權 (SPEC §4): the first visit to a subsystem asks its user to agree to share the named
//! profile fields with it; the account page lists what was agreed to, and each can be
//! withdrawn (the subsystem then asks again). Each is audited on the account.

use crate::{
    accounts::{AuditEvent, AuditOutcome, Consent},
    auth::RequestInfo,
    db::{consents, now, portal, users::User, write_transaction, AnyConnection},
    error::AppError,
    flows::authorize,
    i18n::Locale,
    permissions::{Action, Subsystem},
    state::AppState,
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
pub async fn view(state: &AppState, info: RequestInfo, code: String) -> Result<Consent, AppError> {
    let subsystem = Subsystem::of(&code).ok_or(AppError::NotFound)?;
    let (current, _) = authorize(state, &info, |u| opens(subsystem, u.org_id)).await?;
    let locale = info.locale;
    state
        .pool
        .run(move |conn| {
            consents_of(conn, locale, current.user.id, &[subsystem.code()])?.pop().ok_or(AppError::NotFound)
        })
        .await
}

/// Agrees (`on`) to share the profile with the subsystem `code`, or withdraws.
pub async fn set(state: &AppState, info: RequestInfo, code: String, on: bool) -> Result<(), AppError> {
    let subsystem = Subsystem::of(&code).ok_or(AppError::NotFound)?;
    let (current, _) = authorize(state, &info, |_| Action::ManageOwnAccount).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let user = &current.user;
                let changed = if on {
                    consents::give(conn, user.id, subsystem.code(), now())?
                } else {
                    consents::withdraw(conn, user.id, subsystem.code())?
                };
                if changed {
                    let event = if on { AuditEvent::ConsentGiven } else { AuditEvent::ConsentWithdrawn };
                    super::own(conn, &info, user, (event, AuditOutcome::Success), "consent", subsystem.code())?;
                }
                Ok(())
            })
        })
        .await
}

/// The subsystems the signed-in account agreed to share its profile with.
pub async fn mine(state: &AppState, info: RequestInfo) -> Result<Vec<Consent>, AppError> {
    let (current, _) = authorize(state, &info, |_| Action::ManageOwnAccount).await?;
    let locale = info.locale;
    state
        .pool
        .run(move |conn| {
            let codes: Vec<&str> = Subsystem::ALL.iter().map(|s| s.code()).collect();
            let all = consents_of(conn, locale, current.user.id, &codes)?;
            Ok(all.into_iter().filter(|c| c.accepted_at.is_some()).collect())
        })
        .await
}
