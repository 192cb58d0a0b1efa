//! The server's side of `permissions`: the signed-in account as an `Actor` (its role,
//! organization and grants, read fresh from the database), asked about one action.

use super::session;
use crate::{
    auth::RequestInfo,
    db::{portal, users::User},
    error::AppError,
    permissions::{self, Action, Actor, Subsystem},
    state::AppState,
};

/// The request's account, fully signed in with a password that has not expired, if it may do
/// the action `action` makes of it (its own organization's, say). `Unauthorized` for a guest,
/// `PasswordExpired`, or `Forbidden`.
pub async fn authorize(
    state: &AppState,
    info: &RequestInfo,
    action: impl FnOnce(&User) -> Action,
) -> Result<(session::Current, Actor), AppError> {
    let current = session::require_full(state, info).await?;
    let user_id = current.user.id;
    let codes = state.pool.run(move |conn| Ok(portal::grant_codes(conn, user_id)?)).await?;
    let actor = Actor {
        role: current.user.role,
        org_id: current.user.org_id,
        grants: Subsystem::ALL.into_iter().filter(|s| codes.iter().any(|c| c == s.code())).collect(),
    };
    permissions::require(Some(&actor), action(&current.user))?;
    Ok((current, actor))
}
