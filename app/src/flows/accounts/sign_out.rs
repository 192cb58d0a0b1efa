//! Ending sessions on the server: this one, or every other one of the account.

use crate::{
    accounts::{AuditEvent, AuditOutcome},
    auth::RequestInfo,
    db::sessions,
    error::AppError,
    flows::{session, work::Services},
};

/// Ends this session, whatever its stage, and clears the cookie. Signing out twice is fine.
pub async fn sign_out(services: &Services, info: RequestInfo) -> Result<(), AppError> {
    services
        .write(&info, |work| {
            if let Some(current) = session::current(work)? {
                sessions::delete(work.conn, &current.session.id_hash)?;
                work.audit(AuditEvent::SignOut, AuditOutcome::Success).subject(&current.user).write()?;
            }
            session::clear_cookie(work);
            Ok(())
        })
        .await
}

/// Ends every other session of the signed-in account; returns how many.
pub async fn sign_out_others(services: &Services, info: RequestInfo) -> Result<usize, AppError> {
    let current = session::require_full(services, &info).await?;
    services
        .write(&info, move |work| {
            let ended = sessions::delete_others(work.conn, current.user.id, Some(&current.session.id_hash))?;
            work.audit(AuditEvent::SignOutOthers, AuditOutcome::Success)
                .subject(&current.user)
                .detail(ended.to_string())
                .write()?;
            Ok(ended)
        })
        .await
}
