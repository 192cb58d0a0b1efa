use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

use crate::{accounts::Role, error::AppError};

/// An account as the central authority's account search lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub org_name: String,
    pub role: Role,
    pub active: bool,
    /// Consecutive failures now, and whether they lock the account.
    pub failures: i32,
    pub locked: bool,
    pub factors: usize,
    pub last_sign_in_at: Option<i64>,
}

/// Accounts by username, name or email fragment. Central authority only.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "admin_find_users")]
pub async fn admin_find_users(q: String) -> Result<Vec<AccountRow>, AppError> {
    use crate::{
        auth::{flows::admin::require_central, RequestInfo},
        db::{factors, failures, now, users},
        state::app_state,
    };
    let state = app_state()?;
    let result = async {
        require_central(&state, &RequestInfo::current(&state)).await?;
        state
            .pool
            .run(move |conn| {
                let now = now();
                let mut rows = Vec::new();
                for (user, org_name) in users::search(conn, &q, 50)? {
                    let fails = failures::get(conn, &user.username_key)?;
                    rows.push(AccountRow {
                        id: user.id,
                        username: user.username.clone(),
                        display_name: user.display_name.clone(),
                        email: user.email.clone(),
                        org_name,
                        role: user.role(),
                        active: user.is_active(),
                        failures: fails.as_ref().map(|f| f.failures).unwrap_or(0),
                        locked: fails.as_ref().and_then(|f| f.locked_until).is_some_and(|until| until > now),
                        factors: factors::for_user(conn, user.id)?.len(),
                        last_sign_in_at: user.last_sign_in_at,
                    });
                }
                Ok(rows)
            })
            .await
    };
    result.await
}
