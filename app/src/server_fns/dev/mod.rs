//! Development conveniences (the mailbox); not found in production.

mod dev_mailbox;

pub use dev_mailbox::{dev_mailbox, DevMailbox, MailboxMessage};
