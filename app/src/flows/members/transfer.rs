//! 移轉主帳號 (SPEC §4): the main account hands its role to one of its organization's
//! sub-accounts and keeps a plain account; accounts are never passed on, so the successor
//! already has (or was just given) an account of their own. It takes a fresh verification,
//! like every change of who holds power over accounts.

use crate::{
    accounts::{AuditEvent, AuditOutcome, Role},
    auth::RequestInfo,
    db::{members, now, portal, users, write_transaction},
    error::AppError,
    flows::{audit::audit, authorize, session},
    i18n::Msg,
    permissions::{self, Account, Action, Actor},
    state::AppState,
};

/// Makes `to` the organization's main account and the caller a sub-account. The successor is
/// granted every subsystem the caller held (and so may grant them in turn).
pub async fn transfer(state: &AppState, info: RequestInfo, to: i64) -> Result<(), AppError> {
    session::require_fresh(state, &info).await?;
    let (admin, actor) = authorize(state, &info, |u| Action::ManageMembers(u.org_id)).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                // Both rows locked, and the rule asked again with the roles as they now stand:
                // of two transfers at once, the second finds its sender no longer main.
                let me = users::locked(conn, admin.user.id)?;
                let heir = users::find_optional(conn, to)?.ok_or(AppError::NotFound)?;
                let heir = users::locked(conn, heir.id)?;
                let now_actor = Actor { role: me.role, ..actor.clone() };
                permissions::require(
                    Some(&now_actor),
                    Action::TransferMainRole(Account { org_id: heir.org_id, role: heir.role }),
                )?;
                // Someone who can sign in: active, with a password or another way in.
                if !heir.is_active() || (heir.password_hash.is_none() && heir.password_sign_in) {
                    return Err(AppError::invalid("account", Msg::MembersTransferNeedsActive));
                }
                members::set_role(conn, heir.id, Role::OrgAdmin)?;
                members::set_role(conn, me.id, Role::User)?;
                for subsystem in &actor.grants {
                    portal::grant(conn, heir.id, subsystem.code(), Some(me.id), now())?;
                }
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
