//! Publishing an announcement.

use crate::{
    accounts::{AuditEvent, AuditOutcome},
    auth::RequestInfo,
    db::{now, portal},
    error::AppError,
    flows::{authorize, work::Services},
    i18n::Msg,
    permissions::Action,
};

/// Publishes an announcement.
pub async fn save_announcement(
    services: &Services,
    info: RequestInfo,
    title: String,
    body: String,
    members_only: bool,
) -> Result<(), AppError> {
    let (admin, _) = authorize(services, &info, |_| Action::PublishAnnouncement).await?;
    if title.trim().is_empty() {
        return Err(AppError::invalid("title", Msg::FieldRequired));
    }
    if title.chars().count() > 200 {
        return Err(AppError::invalid("title", crate::i18n::LocalText::new(Msg::TextTooLong).arg("max", 200)));
    }
    if body.trim().is_empty() {
        return Err(AppError::invalid("body", Msg::FieldRequired));
    }
    services
        .write(&info, move |work| {
            portal::insert_announcement(
                work.conn,
                members_only,
                title.trim(),
                body.trim(),
                Some(admin.user.id),
                now(),
            )?;
            let detail: String = title.trim().chars().take(100).collect();
            work.audit(AuditEvent::AnnouncementSaved, AuditOutcome::Success).by(&admin.user).detail(detail).write()?;
            Ok(())
        })
        .await
}
