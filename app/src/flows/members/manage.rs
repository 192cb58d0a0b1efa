//! What a main account does to one sub-account: turn it off or back on, re-send its
//! set-password link (補寄驗證信), grant or revoke a subsystem. Each is refused for an account
//! outside the main account's organization, for another main account or the central
//! authority, and for a subsystem the main account does not hold itself (`permissions`).

use crate::{
    accounts::{AccountStatus, AuditEvent},
    auth::RequestInfo,
    db::{clients, members, now, portal, sessions},
    error::AppError,
    flows::{
        accounts::admin::{mail_set_password_link, on_account},
        work::Services,
    },
    i18n::Msg,
    permissions::{Action, Function, Subsystem},
    provider::{held_functions, parse_catalogue},
};

fn already() -> AppError {
    AppError::Conflict { rows: Vec::new(), message: Msg::MemberAlreadyChanged.into() }
}

/// Turns the account off (its sessions end at once) or back on.
pub async fn set_enabled(services: &Services, info: RequestInfo, user_id: i64, enabled: bool) -> Result<(), AppError> {
    let event = if enabled { AuditEvent::AccountEnabled } else { AuditEvent::AccountDisabled };
    on_account(services, info, user_id, Action::ManageMember, event, move |work, (_, user)| {
        let (from, to) = if enabled {
            (AccountStatus::Disabled, AccountStatus::Active)
        } else {
            (AccountStatus::Active, AccountStatus::Disabled)
        };
        if !members::set_status(work.conn, user.id, from, to)? {
            return Err(already());
        }
        if !enabled {
            sessions::delete_others(work.conn, user.id, None)?;
        }
        Ok(String::new())
    })
    .await
}

/// 補寄驗證信: a new set-password link to the account's address; the older one is void. Only
/// while no password was set: after that, its holder has 忘記密碼.
pub async fn resend_link(services: &Services, info: RequestInfo, user_id: i64) -> Result<(), AppError> {
    on_account(
        services,
        info,
        user_id,
        Action::ManageMember,
        AuditEvent::SetPasswordLinkSent,
        move |work, (_, user)| {
            if !user.awaits_password() || !user.is_active() {
                return Err(AppError::invalid("account", Msg::MemberLinkNotNeeded));
            }
            mail_set_password_link(work.conn, work.settings, user)?;
            Ok(String::new())
        },
    )
    .await
}

/// Grants (`on`) or revokes the subsystem `code` (revoked, its functions go with it), or,
/// with `function`, one function inside a subsystem already granted.
pub async fn set_grant(
    services: &Services,
    info: RequestInfo,
    user_id: i64,
    (code, function): (String, Option<String>),
    on: bool,
) -> Result<(), AppError> {
    let subsystem = Subsystem::of(&code).ok_or(AppError::NotFound)?;
    let function = match function.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) => Some(Function::of(subsystem, f).ok_or(AppError::NotFound)?),
        None => None,
    };
    // The action names the subsystem, so the rule sees what the granter holds.
    let action = move |a| Action::GrantSubsystem(a, subsystem);
    on_account(services, info, user_id, action, AuditEvent::GrantChanged, move |work, (admin, user)| {
        let verb = if on { "grant" } else { "revoke" };
        let Some(function) = function else {
            if on {
                portal::grant(work.conn, user.id, subsystem.code(), Some(admin.id), now())?;
            } else {
                portal::revoke(work.conn, user.id, subsystem.code())?;
            }
            return Ok(format!("{verb} {}", subsystem.code()));
        };
        // Only what the subsystem's catalogue lists (功能選單項目) is granted.
        let client = clients::find(work.conn, subsystem.code())?.ok_or(AppError::NotFound)?;
        let catalogue = parse_catalogue(&client.functions);
        if !catalogue.iter().any(|entry| entry.code == function.code()) {
            return Err(AppError::NotFound);
        }
        let held = portal::grants_with_functions(work.conn, user.id)?;
        let Some((_, list)) = held.iter().find(|(c, _)| c == subsystem.code()) else {
            return Err(AppError::invalid("grant", Msg::MembersGrantFirst));
        };
        let mut codes: Vec<&str> = list.split(',').map(str::trim).filter(|c| *c != function.code()).collect();
        if on {
            codes.push(function.code());
        }
        // Stored in the catalogue's order, whatever order they were given in.
        portal::set_functions(
            work.conn,
            user.id,
            subsystem.code(),
            &held_functions(&catalogue, &codes.join(",")).join(","),
        )?;
        Ok(format!("{verb} {}:{}", subsystem.code(), function.code()))
    })
    .await
}
