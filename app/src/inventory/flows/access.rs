//! Who may see and change an organization's inventory: its members who hold the inventory
//! grant, and the central authority. Anyone else, whatever id they send, gets `Forbidden`.

use crate::{
    accounts::Role,
    auth::{session, RequestInfo},
    db::portal,
    error::AppError,
    state::AppState,
};

/// The signed-in reader, allowed into `org_id`'s inventory (their own when `None`), and the
/// organization it resolved to.
pub async fn require(
    state: &AppState,
    info: &RequestInfo,
    org_id: Option<i64>,
) -> Result<(session::Current, i64), AppError> {
    let current = session::require_full(state, info).await?;
    let org_id = org_id.unwrap_or(current.user.org_id);
    if current.user.role() == Role::Central {
        return Ok((current, org_id));
    }
    if current.user.org_id != org_id {
        return Err(AppError::Forbidden);
    }
    let user_id = current.user.id;
    let granted = state.pool.run(move |conn| Ok(portal::has_grant(conn, user_id, super::SUBSYSTEM)?)).await?;
    if !granted {
        return Err(AppError::Forbidden);
    }
    Ok((current, org_id))
}

/// Submitting is for the organization's admin (main account), who must also hold the grant.
pub async fn require_submitter(
    state: &AppState,
    info: &RequestInfo,
    org_id: i64,
) -> Result<session::Current, AppError> {
    let (current, org_id) = require(state, info, Some(org_id)).await?;
    if current.user.role() != Role::OrgAdmin || current.user.org_id != org_id {
        return Err(AppError::Forbidden);
    }
    Ok(current)
}
