//! The central authority's account search, audited.

use crate::{
    accounts::{AccountRow, AuditEvent},
    auth::RequestInfo,
    db::{
        now,
        users::{self},
    },
    error::AppError,
    flows::{authorize, work::Services},
    permissions::Action,
};

/// Accounts by username, name or email fragment, with their lock and factors (the central
/// authority's account page). The search is audited.
pub async fn find_accounts(services: &Services, info: RequestInfo, q: String) -> Result<Vec<AccountRow>, AppError> {
    let (admin, _) = authorize(services, &info, |_| Action::FindAccounts).await?;
    let query = q.clone();
    let rows = services
        .read(move |conn| {
            let now = now();
            let found = users::search(conn, &query, 50)?;
            Ok(found.into_iter().map(|f| account_row(f, now)).collect::<Vec<_>>())
        })
        .await?;
    crate::flows::audit::record(
        services,
        &info,
        &admin.user,
        AuditEvent::AccountsSearched,
        None,
        format!("q={q} rows={}", rows.len()),
    )
    .await?;
    Ok(rows)
}

/// A found account as the search page lists it: locked while its lock runs at `now`.
fn account_row(found: users::Found, now: i64) -> AccountRow {
    let users::Found { user, org_name, failures, locked_until, factors } = found;
    AccountRow {
        id: user.id,
        active: user.is_active(),
        username: user.username,
        display_name: user.display_name,
        email: user.email,
        org_name,
        role: user.role,
        failures,
        locked: locked_until.is_some_and(|until| until > now),
        factors: usize::try_from(factors).unwrap_or(0),
        last_sign_in_at: user.last_sign_in_at,
    }
}
