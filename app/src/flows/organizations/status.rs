//! 停用機關: the central authority turns an organization off. None of its accounts signs in
//! then, by any method, and their sessions end at their next request (each checks); turned
//! back on, they work as before (accounts turned off one by one stay so).

use crate::{
    accounts::{AuditEvent, AuditOutcome, DisabledOrg, Role},
    auth::RequestInfo,
    db::{members, now, orgs},
    error::AppError,
    flows::{applications::resolve_org, authorize, work::Services},
    i18n::Msg,
    permissions::Action,
};

/// Turns the organization `org` (an OID or school code) off (`disabled`) or back on.
pub async fn set(services: &Services, info: RequestInfo, org: String, disabled: bool) -> Result<(), AppError> {
    let (central, _) = authorize(services, &info, |_| Action::ManageOrganizations).await?;
    services
        .write(&info, move |work| {
            let (org_id, name) = resolve_org(work.conn, &org)?;
            // The central authority's own organization stays on: turning it off would lock
            // out everyone who could turn it on again.
            if disabled && !members::with_role(work.conn, org_id, Role::Central)?.is_empty() {
                return Err(AppError::invalid("org_code", Msg::OrgsCannotDisableCentral).into());
            }
            if !orgs::set_disabled(work.conn, org_id, disabled.then(now))? {
                let already = if disabled { Msg::OrgsAlreadyDisabled } else { Msg::OrgsNotDisabled };
                return Err(AppError::invalid("org_code", already).into());
            }
            if disabled {
                // Its accounts are signed out now, and out of every subsystem with them.
                crate::db::sessions::delete_of_org(work.conn, org_id)?;
            }
            let event = if disabled { AuditEvent::OrgDisabled } else { AuditEvent::OrgEnabled };
            work.audit(event, AuditOutcome::Success).about_data(&central.user, Some(org_id)).detail(name).write()?;
            Ok(())
        })
        .await
}

/// The organizations turned off, the latest first.
pub async fn list(services: &Services, info: RequestInfo) -> Result<Vec<DisabledOrg>, AppError> {
    authorize(services, &info, |_| Action::ManageOrganizations).await?;
    services
        .read(|conn| {
            Ok(orgs::disabled(conn)?
                .into_iter()
                .map(|(org, disabled_at)| DisabledOrg { key: org.key(), name: org.name, disabled_at })
                .collect())
        })
        .await
}
