//! Ending sessions on the server: this one, or every other one of the account.

use crate::{
    accounts::{AuditEvent, AuditOutcome},
    auth::RequestInfo,
    db::{sessions, write_transaction},
    error::AppError,
    flows::session,
    state::AppState,
};

/// Ends this session, whatever its stage, and clears the cookie. Signing out twice is fine.
pub async fn sign_out(state: &AppState, info: RequestInfo) -> Result<(), AppError> {
    let settings = state.auth.clone();
    state
        .pool
        .run(move |conn| {
            if let Some(current) = session::current(conn, &settings, &info)? {
                write_transaction(conn, |conn| {
                    sessions::delete(conn, &current.session.id_hash)?;
                    let user = &current.user;
                    super::audit(
                        conn,
                        &info,
                        AuditEvent::SignOut,
                        AuditOutcome::Success,
                        Some(user),
                        &user.username,
                        |_| {},
                    )
                })?;
            }
            session::clear_cookie(&settings, &info);
            Ok(())
        })
        .await
}

/// Ends every other session of the signed-in account; returns how many.
pub async fn sign_out_others(state: &AppState, info: RequestInfo) -> Result<usize, AppError> {
    let current = session::require_full(state, &info).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let ended = sessions::delete_others(conn, current.user.id, Some(&current.session.id_hash))?;
                let user = &current.user;
                super::audit(
                    conn,
                    &info,
                    AuditEvent::SignOutOthers,
                    AuditOutcome::Success,
                    Some(user),
                    &user.username,
                    |r| r.detail = format!("{ended}"),
                )?;
                Ok(ended)
            })
        })
        .await
}
