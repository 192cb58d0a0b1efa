//! What admins do to accounts, a module per job: the central authority creates the first admin,
//! unlocks and resets second factors of any account, searches accounts and the audit log,
//! publishes announcements and reads the mail that could not be delivered; a main account acts
//! on its own organization's sub-accounts (`flows::members`) through the same `on_account`.
//! Every action is audited with the admin as actor.

mod announcements;
mod audit_log;
mod failed_mail;
mod provision;
mod search;
mod support;

pub use announcements::save_announcement;
pub use audit_log::{search_audit, AuditRead, AuditScope};
pub use failed_mail::failed_mail;
pub use provision::create_with_link;
pub(crate) use provision::{mail_set_password_link, send_set_password_link};
pub use search::find_accounts;
pub(crate) use support::on_account;
pub use support::{reset_factors, unlock};
