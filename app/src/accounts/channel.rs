use serde::{Deserialize, Serialize};

/// How a message reaches a person: by mail or by SMS (the outbox's channels, and a contact a
/// form names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    // Forms name it by its stored text; the aliases read that as an argument.
    #[serde(alias = "email")]
    Email,
    #[serde(alias = "sms")]
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    /// The channel a form names (`email`, `sms`).
    pub fn parse(text: &str) -> Option<Channel> {
        [Channel::Email, Channel::Sms].into_iter().find(|c| c.as_str() == text)
    }
}
