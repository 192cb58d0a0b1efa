//! The server's side of `permissions`: the signed-in account as an `Actor` (its role,
//! organization and grants, read fresh from the database), asked about one action.

use super::session;
use crate::{
    auth::RequestInfo,
    db::{portal, users::User},
    error::AppError,
    permissions::{self, Action, Actor},
    state::Services,
};

/// The request's account, fully signed in with a password that has not expired, if it may do
/// the action `action` makes of it (its own organization's, say). `Unauthorized` for a guest,
/// `PasswordExpired`, or `Forbidden`.
pub async fn authorize(
    services: &Services,
    info: &RequestInfo,
    action: impl FnOnce(&User) -> Action,
) -> Result<(session::Current, Actor), AppError> {
    let current = session::require_full(services, info).await?;
    decide(services, current, action).await
}

/// `authorize` for a change that also needs a fresh verification (`StepUpRequired`).
pub async fn authorize_fresh(
    services: &Services,
    info: &RequestInfo,
    action: impl FnOnce(&User) -> Action,
) -> Result<(session::Current, Actor), AppError> {
    let current = session::require_fresh(services, info).await?;
    decide(services, current, action).await
}

async fn decide(
    services: &Services,
    current: session::Current,
    action: impl FnOnce(&User) -> Action,
) -> Result<(session::Current, Actor), AppError> {
    let user = current.user.clone();
    let actor = services.pool.run(move |conn| Ok(portal::actor(conn, &user)?)).await?;
    permissions::require(Some(&actor), action(&current.user))?;
    Ok((current, actor))
}
