//! 停用機關: the central authority turns an organization off. None of its accounts signs in
//! then, by any method, and their sessions end at their next request (each checks); turned
//! back on, they work as before (accounts turned off one by one stay so).

use crate::{
    accounts::{AuditEvent, AuditOutcome, DisabledOrg, Role},
    auth::RequestInfo,
    db::{members, now, orgs, write_transaction},
    error::AppError,
    flows::{applications::resolve_org, audit::audit, authorize},
    i18n::Msg,
    permissions::Action,
    state::AppState,
};

/// Turns the organization `org` (an OID or school code) off (`disabled`) or back on.
pub async fn set(state: &AppState, info: RequestInfo, org: String, disabled: bool) -> Result<(), AppError> {
    let (central, _) = authorize(state, &info, |_| Action::ManageOrganizations).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let (org_id, name) = resolve_org(conn, &org)?;
                // The central authority's own organization stays on: turning it off would lock
                // out everyone who could turn it on again.
                if disabled && !members::with_role(conn, org_id, Role::Central)?.is_empty() {
                    return Err(AppError::invalid("org_code", Msg::OrgsCannotDisableCentral));
                }
                if !orgs::set_disabled(conn, org_id, disabled.then(now))? {
                    let already = if disabled { Msg::OrgsAlreadyDisabled } else { Msg::OrgsNotDisabled };
                    return Err(AppError::invalid("org_code", already));
                }
                let event = if disabled { AuditEvent::OrgDisabled } else { AuditEvent::OrgEnabled };
                audit(conn, &info, event, AuditOutcome::Success, Some(&central.user), &central.user.username, |r| {
                    r.subject_id = None;
                    r.org_id = Some(org_id);
                    r.detail = name;
                })
            })
        })
        .await
}

/// The organizations turned off, the latest first.
pub async fn list(state: &AppState, info: RequestInfo) -> Result<Vec<DisabledOrg>, AppError> {
    authorize(state, &info, |_| Action::ManageOrganizations).await?;
    state
        .pool
        .run(|conn| {
            Ok(orgs::disabled(conn)?
                .into_iter()
                .map(|(org, disabled_at)| DisabledOrg { key: org.key(), name: org.name, disabled_at })
                .collect())
        })
        .await
}
