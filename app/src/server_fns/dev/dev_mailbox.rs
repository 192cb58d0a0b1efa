use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One message as the development mailbox shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxMessage {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub sent: bool,
}

/// The recent outgoing messages, of one channel (`email`, `sms`) or of all. Development mode
/// only: elsewhere it does not exist.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "dev_mailbox")]
pub async fn dev_mailbox(channel: Option<String>) -> Result<Vec<MailboxMessage>, AppError> {
    use crate::{db::outbox, state::app_state};
    let state = app_state()?;
    if !state.dev_mode {
        return Err(AppError::NotFound);
    }
    let channel = match channel.as_deref() {
        None => None,
        Some(c) => Some(outbox::Channel::parse(c).ok_or(AppError::BadRequest)?),
    };
    let messages = state.pool.run(move |conn| Ok(outbox::recent_on(conn, channel, 100)?)).await;
    messages.map(|list| {
        list.into_iter()
            .map(|m| MailboxMessage {
                id: m.id,
                channel: m.channel,
                recipient: m.recipient,
                subject: m.subject,
                body: m.body,
                created_at: m.created_at,
                sent: m.sent_at.is_some(),
            })
            .collect()
    })
}
