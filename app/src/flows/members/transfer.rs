//! 移轉主帳號 (SPEC §4): the main account hands its role to one of its organization's
//! sub-accounts and keeps a plain account; accounts are never passed on, so the successor
//! already has (or was just given) an account of their own. It takes a fresh verification,
//! like every change of who holds power over accounts. When the holder is gone, the central
//! authority assigns the role instead (`assign`).

use crate::{
    accounts::{AuditEvent, AuditOutcome, Role},
    auth::RequestInfo,
    db::{members, now, portal, users, write_transaction},
    error::AppError,
    flows::{audit::audit, authorize, authorize_fresh},
    i18n::Msg,
    permissions::{self, Account, Action, Actor},
    state::AppState,
};

/// Makes `to` the organization's main account and the caller a sub-account. The successor is
/// granted every subsystem the caller held (and so may grant them in turn).
pub async fn transfer(state: &AppState, info: RequestInfo, to: i64) -> Result<(), AppError> {
    let (admin, actor) = authorize_fresh(state, &info, |u| Action::ManageMembers(u.org_id)).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                // Both rows locked, and the rule asked again with the roles as they now stand:
                // of two transfers at once, the second finds its sender no longer main.
                let me = users::locked(conn, admin.user.id)?;
                let heir = users::locked(conn, to)?;
                let now_actor = Actor { role: me.role, ..actor.clone() };
                permissions::require(
                    Some(&now_actor),
                    Action::TransferMainRole(Account { org_id: heir.org_id, role: heir.role }),
                )?;
                // Someone who can sign in: active, with a password or another way in.
                if !heir.is_active() || heir.awaits_password() {
                    return Err(AppError::invalid("account", Msg::MembersTransferNeedsActive));
                }
                // What the sender holds now, read under the lock: a hand-over grants exactly what
                // its granter holds, never what it held when the request began.
                let held = portal::grant_codes(conn, me.id)?;
                let codes: Vec<&str> = held.iter().map(String::as_str).collect();
                hand_over(conn, (std::slice::from_ref(&me), &heir), &codes, me.id)?;
                let record = |conn: &mut _, subject: &users::User, detail: String| {
                    audit(
                        conn,
                        &info,
                        AuditEvent::MainTransferred,
                        AuditOutcome::Success,
                        Some(subject),
                        &subject.username,
                        |r| {
                            r.actor_id = Some(me.id);
                            r.detail = detail;
                        },
                    )
                };
                record(conn, &heir, format!("from {}", me.username))?;
                record(conn, &me, format!("to {}", heir.username))
            })
        })
        .await
}

/// Makes the account `username` its organization's main account, replacing the one (or ones)
/// there were, who keep plain accounts; the new main account is granted what they held.
pub async fn assign(state: &AppState, info: RequestInfo, org: String, username: String) -> Result<(), AppError> {
    let (central, _) = authorize(state, &info, |_| Action::AssignMainAccount).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let (org_id, _) = crate::flows::applications::resolve_org(conn, &org)?;
                let heir = users::find_by_key(conn, &username)?
                    .filter(|u| u.org_id == org_id)
                    .ok_or_else(|| AppError::invalid("username", Msg::MembersAssignNotInOrg))?;
                let heir = users::locked(conn, heir.id)?;
                if heir.role == Role::Central || !heir.is_active() {
                    return Err(AppError::invalid("username", Msg::MembersTransferNeedsActive));
                }
                let former = members::main_accounts(conn, org_id)?;
                if former.iter().any(|f| f.id == heir.id) {
                    return Err(AppError::invalid("username", Msg::MembersAssignAlready));
                }
                let mut codes = Vec::new();
                for f in &former {
                    codes.extend(portal::grant_codes(conn, f.id)?);
                }
                let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
                hand_over(conn, (&former, &heir), &codes, central.user.id)?;
                audit(
                    conn,
                    &info,
                    AuditEvent::MainTransferred,
                    AuditOutcome::Success,
                    Some(&heir),
                    &heir.username,
                    |r| {
                        r.actor_id = Some(central.user.id);
                        r.detail = format!("assigned by {}", central.user.username);
                    },
                )
            })
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
    for code in codes {
        portal::grant(conn, to.id, code, Some(by), now())?;
    }
    Ok(())
}
