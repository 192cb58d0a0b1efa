//! Mail and SMS the outbox gave up delivering, as the central authority's page lists them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMessage {
    /// When it was queued (Unix seconds).
    pub queued_at: i64,
    /// `email` or `sms`.
    pub channel: String,
    pub recipient: String,
    /// The subject it was sent with, which tells what it was (【Gatehouse】忘記密碼驗證碼).
    pub subject: String,
    pub attempts: i32,
    /// What the mail server or SMS gateway said the last time.
    pub last_error: String,
}

/// The newest failed messages and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMail {
    /// Tries after which the outbox gives up (`AuthSettings::outbox_max_attempts`).
    pub max_attempts: i32,
    pub total: i64,
    pub messages: Vec<FailedMessage>,
}

/// At most this many are listed; the count says whether there are more.
pub const FAILED_MAIL_LISTED: i64 = 200;
