//! The central authority's account, audit and announcement pages.

mod admin_audit;
mod admin_find_users;
mod admin_reset_factors;
mod admin_unlock;
mod save_announcement;

pub use admin_audit::{admin_audit, AdminAudit};
pub use admin_find_users::{admin_find_users, AdminFindUsers};
pub use admin_reset_factors::{admin_reset_factors, AdminResetFactors};
pub use admin_unlock::{admin_unlock, AdminUnlock};
pub use save_announcement::{save_announcement, SaveAnnouncement};
