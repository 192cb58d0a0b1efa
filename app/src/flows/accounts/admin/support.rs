//! The central authority's help desk on an account: lift a lockout, remove the second
//! factors; a main account does the same to its own sub-accounts through `on_account`.

use crate::{
    accounts::{AuditEvent, AuditOutcome},
    auth::RequestInfo,
    db::{
        factors, failures, now,
        users::{self},
    },
    error::AppError,
    flows::{
        authorize,
        work::{Services, Work},
    },
    i18n::Msg,
    permissions::{self, Account, Action},
};

/// Does `change` to the account `user_id` for an admin allowed `action` on it (made from the
/// account's organization and role), in one unit of work with the audit record `event` (with
/// the detail `change` returns; it is given the admin and the account): the central
/// authority, or a main account for its own organization's sub-accounts. An action that needs
/// a fresh verification (`permissions`) is refused without one.
pub(crate) async fn on_account(
    services: &Services,
    info: RequestInfo,
    user_id: i64,
    action: impl FnOnce(Account) -> Action + Send + 'static,
    event: AuditEvent,
    change: impl FnOnce(&mut Work, (&users::User, &users::User)) -> Result<String, AppError> + Send + 'static,
) -> Result<(), AppError> {
    // Who may act on whom is known once the account is read.
    let (admin, actor) = authorize(services, &info, |_| Action::ManageOwnAccount).await?;
    services
        .write(&info, move |work| {
            let user = users::find(work.conn, user_id)?;
            let action = action(Account { org_id: user.org_id, role: user.role });
            permissions::require(Some(&actor), action)?;
            if action.needs_fresh_verification() && !admin.freshly_verified(now()) {
                return Err(AppError::StepUpRequired.into());
            }
            let detail = change(work, (&admin.user, &user))?;
            let by = &admin.user.username;
            let detail = if detail.is_empty() { format!("by {by}") } else { format!("{detail} by {by}") };
            work.audit(event, AuditOutcome::Success).subject(&user).actor(admin.user.id).detail(detail).write()?;
            Ok(())
        })
        .await
}

/// Ends a lockout of `user_id`.
pub async fn unlock(services: &Services, info: RequestInfo, user_id: i64) -> Result<(), AppError> {
    on_account(
        services,
        info,
        user_id,
        |a| Action::UnlockAccount(a.org_id),
        AuditEvent::AccountUnlocked,
        |work, (_, user)| {
            failures::clear(work.conn, &user.username_key)?;
            Ok(String::new())
        },
    )
    .await
}

/// Removes every second factor of `user_id` and ends its sessions: at the next sign-in it
/// binds again (the lost-phone case when the user cannot help themselves). It lets whoever
/// knows that account's password bind a new authenticator, so it takes the admin's fresh
/// verification, as handing over the main role does (`permissions`). An account that had
/// turned password sign-in off gets it back, without a password: its owner sets one with
/// 忘記密碼's mailed code, then binds again.
pub async fn reset_factors(services: &Services, info: RequestInfo, user_id: i64) -> Result<(), AppError> {
    on_account(services, info, user_id, Action::ResetAccountFactors, AuditEvent::FactorsReset, |work, (_, user)| {
        factors::delete_all(work.conn, user.id)?;
        users::set_password_sign_in(work.conn, user.id, true)?;
        crate::flows::accounts::notice::credential_changed(work, user, Msg::ChangeFactorsReset, None)?;
        Ok(String::new())
    })
    .await
}
