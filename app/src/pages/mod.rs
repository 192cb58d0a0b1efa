//! One page per file, named after its route.

mod account;
mod activity;
mod admin_accounts;
mod admin_announcements;
mod admin_application;
mod admin_applications;
mod admin_audit;
mod admin_inventory;
mod admin_org_admins;
mod admin_organizations;
mod admin_outbox;
mod admin_subsystems;
mod admin_terms;
mod admins_lookup;
mod apply;
mod bind;
mod change_password;
mod directory;
mod forgot_account;
mod forgot_password;
mod home;
mod inventory;
mod mailbox;
mod main_request;
mod member_log;
mod members;
mod not_found;
mod org;
mod picker_demo;
mod profile;
mod resend_link;
mod reset_binding;
mod reset_password;
mod set_password;
mod sign_in;
mod sign_in_methods;
mod subsystem_consent;
mod subsystem_refused;
mod terms;
mod tree;
mod verify_code;

pub use account::AccountPage;
pub use activity::ActivityPage;
pub use admin_accounts::AdminAccountsPage;
pub use admin_announcements::AdminAnnouncementsPage;
pub use admin_application::AdminApplicationPage;
pub use admin_applications::AdminApplicationsPage;
pub use admin_audit::AdminAuditPage;
pub use admin_inventory::AdminInventoryPage;
pub use admin_org_admins::AdminOrgAdminsPage;
pub use admin_organizations::AdminOrganizationsPage;
pub use admin_outbox::AdminOutboxPage;
pub use admin_subsystems::AdminSubsystemsPage;
pub use admin_terms::AdminTermsPage;
pub use admins_lookup::AdminsLookupPage;
pub use apply::ApplyPage;
pub use bind::BindPage;
pub use change_password::ChangePasswordPage;
pub use directory::DirectoryPage;
pub use forgot_account::ForgotAccountPage;
pub use forgot_password::ForgotPasswordPage;
pub use home::HomePage;
pub use inventory::InventoryPage;
pub use mailbox::MailboxPage;
pub use main_request::MainRequestPage;
pub use member_log::MemberLogPage;
pub use members::MembersPage;
pub use not_found::NotFoundPage;
pub use org::OrgPage;
pub use picker_demo::PickerDemoPage;
pub use profile::ProfilePage;
pub use resend_link::ResendLinkPage;
pub use reset_binding::ResetBindingPage;
pub use reset_password::ResetPasswordPage;
pub use set_password::SetPasswordPage;
pub use sign_in::SignInPage;
pub use sign_in_methods::SignInMethodsPage;
pub use subsystem_consent::SubsystemConsentPage;
pub use subsystem_refused::SubsystemRefusedPage;
pub use terms::TermsOfUsePage;
pub use tree::TreePage;
pub use verify_code::VerifyCodePage;

/// Sets the HTTP status of the server-rendered response (404 for a missing organization).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(opts), Ok(status)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        opts.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
