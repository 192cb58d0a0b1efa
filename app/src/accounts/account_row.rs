use serde::{Deserialize, Serialize};

use super::Role;

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
