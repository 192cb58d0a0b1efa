//! The messages the outbox gave up delivering.

use crate::{
    auth::RequestInfo,
    error::AppError,
    flows::{authorize, work::Services},
    permissions::Action,
};

/// The messages the outbox gave up on, newest first: the central authority reaches those
/// people another way. Recipients are shown in full, as to whoever may read the audit log.
pub async fn failed_mail(services: &Services, info: RequestInfo) -> Result<crate::accounts::FailedMail, AppError> {
    use crate::accounts::{FailedMail, FailedMessage, FAILED_MAIL_LISTED};
    authorize(services, &info, |_| Action::ReadFailedMail).await?;
    let max = services.settings.outbox_max_attempts;
    let (messages, total) =
        services.read(move |conn| Ok(crate::db::outbox::given_up(conn, max, FAILED_MAIL_LISTED)?)).await?;
    let messages = messages
        .into_iter()
        .map(|m| FailedMessage {
            queued_at: m.created_at,
            channel: m.channel,
            recipient: m.recipient,
            subject: m.subject,
            attempts: m.attempts,
            last_error: m.last_error.unwrap_or_default(),
        })
        .collect();
    Ok(FailedMail { max_attempts: max, total, messages })
}
