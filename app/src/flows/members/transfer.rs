//! 移轉主帳號 (SPEC §4): the main account hands its role to one of its organization's
//! sub-accounts and keeps a plain account; accounts are never passed on, so the successor
//! already has (or was just given) an account of their own. It takes a fresh verification,
//! like every change of who holds power over accounts. When the holder is gone, the central
//! authority assigns the role instead (`assign`).

use crate::{
    accounts::{AuditEvent, AuditOutcome, Role},
    auth::RequestInfo,
    db::{members, now, portal, users},
    error::AppError,
    flows::{authorize, authorize_fresh, work::Services},
    i18n::Msg,
    permissions::{self, Account, Action, Actor},
};

/// Makes `to` the organization's main account and the caller a sub-account. The successor is
/// granted every subsystem the caller held (and so may grant them in turn).
pub async fn transfer(services: &Services, info: RequestInfo, to: i64) -> Result<(), AppError> {
    let (admin, actor) = authorize_fresh(services, &info, |u| Action::ManageMembers(u.org_id)).await?;
    services
        .write(&info, move |work| {
            // Both rows locked, and the rule asked again with the roles as they now stand:
            // of two transfers at once, the second finds its sender no longer main.
            let me = users::locked(work.conn, admin.user.id)?;
            let heir = users::locked(work.conn, to)?;
            let now_actor = Actor { role: me.role, ..actor.clone() };
            permissions::require(
                Some(&now_actor),
                Action::TransferMainRole(Account { org_id: heir.org_id, role: heir.role }),
            )?;
            // Someone who can sign in: active, with a password or another way in.
            if !heir.is_active() || heir.awaits_password() {
                return Err(AppError::invalid("account", Msg::MembersTransferNeedsActive).into());
            }
            // What the sender holds now, read under the lock: a hand-over grants exactly what
            // its granter holds, never what it held when the request began.
            let held = portal::grant_codes(work.conn, me.id)?;
            let codes: Vec<&str> = held.iter().map(String::as_str).collect();
            hand_over(work.conn, (std::slice::from_ref(&me), &heir), &codes, me.id)?;
            for (subject, detail) in [(&heir, format!("from {}", me.username)), (&me, format!("to {}", heir.username))]
            {
                work.audit(AuditEvent::MainTransferred, AuditOutcome::Success)
                    .subject(subject)
                    .actor(me.id)
                    .detail(detail)
                    .write()?;
            }
            Ok(())
        })
        .await
}

/// Makes the account `username` its organization's main account, replacing the one (or ones)
/// there were, who keep plain accounts; the new main account is granted what they held.
pub async fn assign(services: &Services, info: RequestInfo, org: String, username: String) -> Result<(), AppError> {
    let (central, _) = authorize(services, &info, |_| Action::AssignMainAccount).await?;
    services
        .write(&info, move |work| {
            let (org_id, _) = crate::flows::applications::resolve_org(work.conn, &org)?;
            let heir = users::find_by_key(work.conn, &username)?
                .filter(|u| u.org_id == org_id)
                .ok_or_else(|| AppError::invalid("username", Msg::MembersAssignNotInOrg))?;
            let heir = users::locked(work.conn, heir.id)?;
            if heir.role == Role::Central || !heir.is_active() {
                return Err(AppError::invalid("username", Msg::MembersTransferNeedsActive).into());
            }
            let former = members::main_accounts(work.conn, org_id)?;
            if former.iter().any(|f| f.id == heir.id) {
                return Err(AppError::invalid("username", Msg::MembersAssignAlready).into());
            }
            let mut codes = Vec::new();
            for f in &former {
                codes.extend(portal::grant_codes(work.conn, f.id)?);
            }
            let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
            hand_over(work.conn, (&former, &heir), &codes, central.user.id)?;
            work.audit(AuditEvent::MainTransferred, AuditOutcome::Success)
                .subject(&heir)
                .actor(central.user.id)
                .detail(format!("assigned by {}", central.user.username))
                .write()?;
            Ok(())
        })
        .await
}

/// The role moves from the accounts `from` to `to`, who is granted the subsystems `codes`.
fn hand_over(
    conn: &mut crate::db::AnyConnection,
    (from, to): (&[users::User], &users::User),
    codes: &[&str],
    by: i64,
) -> Result<(), AppError> {
    members::set_role(conn, to.id, Role::OrgAdmin)?;
    for f in from {
        members::set_role(conn, f.id, Role::User)?;
    }
    // The subsystems were told who the main account is: each side signs in to them again.
    for user in from.iter().chain(std::iter::once(to)) {
        crate::db::oidc::end_grants(conn, user.id, None, now())?;
    }
    for code in codes {
        portal::grant(conn, to.id, code, Some(by), now())?;
    }
    Ok(())
}
