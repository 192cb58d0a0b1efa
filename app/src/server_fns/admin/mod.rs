//! The central authority's account, audit, failed mail, announcement and subsystem pages, and the
//! review of account applications (an organization's admins review its users').

mod admin_audit;
mod admin_find_users;
mod admin_reset_factors;
mod admin_unlock;
mod approve_application;
mod decide_grant_request;
mod decide_main_request;
mod get_application_detail;
mod list_applications;
mod list_disabled_orgs;
mod list_failed_mail;
mod list_grant_requests;
mod list_main_requests;
mod list_org_admins;
mod list_subsystems;
mod reject_application;
mod rotate_signing_keys;
mod rotate_subsystem_secret;
mod save_announcement;
mod save_subsystem;
mod set_org_disabled;
mod set_subsystem_active;

pub use admin_audit::{admin_audit, AdminAudit};
pub use admin_find_users::{admin_find_users, AdminFindUsers};
pub use admin_reset_factors::{admin_reset_factors, AdminResetFactors};
pub use admin_unlock::{admin_unlock, AdminUnlock};
pub use approve_application::{approve_application, ApproveApplication};
pub use decide_grant_request::{decide_grant_request, DecideGrantRequest};
pub use decide_main_request::{decide_main_request, DecideMainRequest};
pub use get_application_detail::{get_application_detail, GetApplicationDetail};
pub use list_applications::{list_applications, ListApplications};
pub use list_disabled_orgs::{list_disabled_orgs, ListDisabledOrgs};
pub use list_failed_mail::{list_failed_mail, ListFailedMail};
pub use list_grant_requests::{list_grant_requests, ListGrantRequests};
pub use list_main_requests::{list_main_requests, ListMainRequests};
pub use list_org_admins::{list_org_admins, ListOrgAdmins};
pub use list_subsystems::{list_subsystems, ListSubsystems};
pub use reject_application::{reject_application, RejectApplication};
pub use rotate_signing_keys::{rotate_signing_keys, RotateSigningKeys};
pub use rotate_subsystem_secret::{rotate_subsystem_secret, RotateSubsystemSecret};
pub use save_announcement::{save_announcement, SaveAnnouncement};
pub use save_subsystem::{save_subsystem, SaveSubsystem};
pub use set_org_disabled::{set_org_disabled, SetOrgDisabled};
pub use set_subsystem_active::{set_subsystem_active, SetSubsystemActive};
