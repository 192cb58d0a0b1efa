//! The audit log's vocabulary, and one entry as the 帳號活動紀錄 page shows it.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

/// What happened. Stored by name; the names are stable (the CSV export carries them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditEvent {
    SignIn,
    SecondFactor,
    StepUp,
    Lockout,
    SignOut,
    SignOutOthers,
    PasswordSet,
    PasswordChanged,
    PasswordReset,
    PasswordResetRequested,
    UsernameReminder,
    FactorBound,
    FactorsReset,
    AccountUnlocked,
    AccountCreated,
    AnnouncementSaved,
    PeriodOpened,
    InventorySubmitted,
    InventoryReopened,
    AccountsSearched,
    AuditSearched,
    AuditExported,
    InventorySaved,
    InventoryImported,
    InventoryExported,
    SubmissionsExported,
    ApplicationStarted,
    ApplicationVerified,
    ApplicationSubmitted,
    ApplicationApproved,
    ApplicationRejected,
    ContactChangeRequested,
    EmailChanged,
    MobileChanged,
    GrantRequested,
    GrantReviewed,
    /// One security key or passkey removed by its owner.
    FactorRemoved,
    /// 重設登入綁定: an emergency code asked for.
    BindingResetRequested,
    /// A password-free sign-in with a passkey.
    PasskeySignIn,
    /// 停用帳號密碼登入, and turning password sign-in back on.
    PasswordSignInDisabled,
    PasswordSignInEnabled,
    /// The first step of a sign-in with Google (or another OpenID Connect provider).
    OidcSignIn,
    /// A main account turned a sub-account off, or back on (SPEC §4).
    AccountDisabled,
    AccountEnabled,
    /// 補寄驗證信: a new set-password link was mailed.
    SetPasswordLinkSent,
    /// A subsystem was granted or revoked (the detail says which).
    GrantChanged,
    /// The main role was handed on (recorded on both accounts).
    MainTransferred,
    /// 同意授權 given to a subsystem, or withdrawn.
    ConsentGiven,
    ConsentWithdrawn,
    /// The central authority disabled an organization (its accounts cannot sign in), or
    /// enabled it again.
    OrgDisabled,
    OrgEnabled,
    /// Someone asked who administers an organization (機關各系統管理者列表).
    AdminsLookedUp,
    /// A school without a main account asked for one; the central authority's answer.
    MainAccountRequested,
    MainAccountRequestReviewed,
    /// The central authority imported a directory file from the admin page (or checked one).
    DirectoryImported,
    /// The OpenID Connect provider (issue 28): a sign-in to a subsystem, one refused (no grant),
    /// the registry's changes, tokens revoked, the signing keys rotated.
    SubsystemSignIn,
    SubsystemRefused,
    SubsystemRegistered,
    SubsystemChanged,
    ClientSecretRotated,
    TokensRevoked,
    SigningKeysRotated,
    /// A version of the terms of use published (the detail names it), or agreed to.
    TermsPublished,
    TermsAgreed,
}

super::stored_as_text!(AuditEvent, "audit event", {
    SignIn => "sign_in",
    SecondFactor => "second_factor",
    StepUp => "step_up",
    Lockout => "lockout",
    SignOut => "sign_out",
    SignOutOthers => "sign_out_others",
    PasswordSet => "password_set",
    PasswordChanged => "password_changed",
    PasswordReset => "password_reset",
    PasswordResetRequested => "password_reset_requested",
    UsernameReminder => "username_reminder",
    FactorBound => "factor_bound",
    FactorsReset => "factors_reset",
    AccountUnlocked => "account_unlocked",
    AccountCreated => "account_created",
    AnnouncementSaved => "announcement_saved",
    PeriodOpened => "period_opened",
    InventorySubmitted => "inventory_submitted",
    InventoryReopened => "inventory_reopened",
    AccountsSearched => "accounts_searched",
    AuditSearched => "audit_searched",
    AuditExported => "audit_exported",
    InventorySaved => "inventory_saved",
    InventoryImported => "inventory_imported",
    InventoryExported => "inventory_exported",
    SubmissionsExported => "submissions_exported",
    ApplicationStarted => "application_started",
    ApplicationVerified => "application_verified",
    ApplicationSubmitted => "application_submitted",
    ApplicationApproved => "application_approved",
    ApplicationRejected => "application_rejected",
    ContactChangeRequested => "contact_change_requested",
    EmailChanged => "email_changed",
    MobileChanged => "mobile_changed",
    GrantRequested => "grant_requested",
    GrantReviewed => "grant_reviewed",
    FactorRemoved => "factor_removed",
    BindingResetRequested => "binding_reset_requested",
    PasskeySignIn => "passkey_sign_in",
    PasswordSignInDisabled => "password_sign_in_disabled",
    PasswordSignInEnabled => "password_sign_in_enabled",
    OidcSignIn => "oidc_sign_in",
    AccountDisabled => "account_disabled",
    AccountEnabled => "account_enabled",
    SetPasswordLinkSent => "set_password_link_sent",
    GrantChanged => "grant_changed",
    MainTransferred => "main_transferred",
    ConsentGiven => "consent_given",
    ConsentWithdrawn => "consent_withdrawn",
    OrgDisabled => "org_disabled",
    OrgEnabled => "org_enabled",
    AdminsLookedUp => "admins_looked_up",
    MainAccountRequested => "main_account_requested",
    MainAccountRequestReviewed => "main_account_request_reviewed",
    DirectoryImported => "directory_imported",
    SubsystemSignIn => "subsystem_sign_in",
    SubsystemRefused => "subsystem_refused",
    SubsystemRegistered => "subsystem_registered",
    SubsystemChanged => "subsystem_changed",
    ClientSecretRotated => "client_secret_rotated",
    TokensRevoked => "tokens_revoked",
    SigningKeysRotated => "signing_keys_rotated",
    TermsPublished => "terms_published",
    TermsAgreed => "terms_agreed",
});

/// The events of 收件紀錄: what was done to an organization's accounts (created, turned off
/// or on, links re-sent, bindings reset, grants, the main role handed over, consents).
pub const MEMBER_LOG_EVENTS: [AuditEvent; 11] = [
    AuditEvent::AccountCreated,
    AuditEvent::AccountDisabled,
    AuditEvent::AccountEnabled,
    AuditEvent::SetPasswordLinkSent,
    AuditEvent::FactorsReset,
    AuditEvent::GrantChanged,
    AuditEvent::GrantReviewed,
    AuditEvent::MainTransferred,
    AuditEvent::ConsentGiven,
    AuditEvent::ConsentWithdrawn,
    AuditEvent::MainAccountRequestReviewed,
];

impl AuditEvent {
    pub fn label(self) -> Msg {
        match self {
            AuditEvent::SignIn => Msg::EventSignIn,
            AuditEvent::SecondFactor => Msg::EventSecondFactor,
            AuditEvent::StepUp => Msg::EventStepUp,
            AuditEvent::Lockout => Msg::EventLockout,
            AuditEvent::SignOut => Msg::EventSignOut,
            AuditEvent::SignOutOthers => Msg::EventSignOutOthers,
            AuditEvent::PasswordSet => Msg::EventPasswordSet,
            AuditEvent::PasswordChanged => Msg::EventPasswordChanged,
            AuditEvent::PasswordReset => Msg::EventPasswordReset,
            AuditEvent::PasswordResetRequested => Msg::EventPasswordResetRequested,
            AuditEvent::UsernameReminder => Msg::EventUsernameReminder,
            AuditEvent::FactorBound => Msg::EventFactorBound,
            AuditEvent::FactorsReset => Msg::EventFactorsReset,
            AuditEvent::AccountUnlocked => Msg::EventAccountUnlocked,
            AuditEvent::AccountCreated => Msg::EventAccountCreated,
            AuditEvent::AnnouncementSaved => Msg::EventAnnouncementSaved,
            AuditEvent::PeriodOpened => Msg::EventPeriodOpened,
            AuditEvent::InventorySubmitted => Msg::EventInventorySubmitted,
            AuditEvent::InventoryReopened => Msg::EventInventoryReopened,
            AuditEvent::AccountsSearched => Msg::EventAccountsSearched,
            AuditEvent::AuditSearched => Msg::EventAuditSearched,
            AuditEvent::AuditExported => Msg::EventAuditExported,
            AuditEvent::InventorySaved => Msg::EventInventorySaved,
            AuditEvent::InventoryImported => Msg::EventInventoryImported,
            AuditEvent::InventoryExported => Msg::EventInventoryExported,
            AuditEvent::SubmissionsExported => Msg::EventSubmissionsExported,
            AuditEvent::ApplicationStarted => Msg::EventApplicationStarted,
            AuditEvent::ApplicationVerified => Msg::EventApplicationVerified,
            AuditEvent::ApplicationSubmitted => Msg::EventApplicationSubmitted,
            AuditEvent::ApplicationApproved => Msg::EventApplicationApproved,
            AuditEvent::ApplicationRejected => Msg::EventApplicationRejected,
            AuditEvent::ContactChangeRequested => Msg::EventContactChangeRequested,
            AuditEvent::EmailChanged => Msg::EventEmailChanged,
            AuditEvent::MobileChanged => Msg::EventMobileChanged,
            AuditEvent::GrantRequested => Msg::EventGrantRequested,
            AuditEvent::GrantReviewed => Msg::EventGrantReviewed,
            AuditEvent::FactorRemoved => Msg::EventFactorRemoved,
            AuditEvent::BindingResetRequested => Msg::EventBindingResetRequested,
            AuditEvent::PasskeySignIn => Msg::EventPasskeySignIn,
            AuditEvent::PasswordSignInDisabled => Msg::EventPasswordSignInDisabled,
            AuditEvent::PasswordSignInEnabled => Msg::EventPasswordSignInEnabled,
            AuditEvent::OidcSignIn => Msg::EventOidcSignIn,
            AuditEvent::AccountDisabled => Msg::EventAccountDisabled,
            AuditEvent::AccountEnabled => Msg::EventAccountEnabled,
            AuditEvent::SetPasswordLinkSent => Msg::EventSetPasswordLinkSent,
            AuditEvent::GrantChanged => Msg::EventGrantChanged,
            AuditEvent::MainTransferred => Msg::EventMainTransferred,
            AuditEvent::ConsentGiven => Msg::EventConsentGiven,
            AuditEvent::ConsentWithdrawn => Msg::EventConsentWithdrawn,
            AuditEvent::OrgDisabled => Msg::EventOrgDisabled,
            AuditEvent::OrgEnabled => Msg::EventOrgEnabled,
            AuditEvent::AdminsLookedUp => Msg::EventAdminsLookedUp,
            AuditEvent::MainAccountRequested => Msg::EventMainAccountRequested,
            AuditEvent::MainAccountRequestReviewed => Msg::EventMainAccountRequestReviewed,
            AuditEvent::DirectoryImported => Msg::EventDirectoryImported,
            AuditEvent::SubsystemSignIn => Msg::EventSubsystemSignIn,
            AuditEvent::SubsystemRefused => Msg::EventSubsystemRefused,
            AuditEvent::SubsystemRegistered => Msg::EventSubsystemRegistered,
            AuditEvent::SubsystemChanged => Msg::EventSubsystemChanged,
            AuditEvent::ClientSecretRotated => Msg::EventClientSecretRotated,
            AuditEvent::TokensRevoked => Msg::EventTokensRevoked,
            AuditEvent::SigningKeysRotated => Msg::EventSigningKeysRotated,
            AuditEvent::TermsPublished => Msg::EventTermsPublished,
            AuditEvent::TermsAgreed => Msg::EventTermsAgreed,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditOutcome {
    Success,
    Failure,
    Refused,
}

super::stored_as_text!(AuditOutcome, "audit outcome", { Success => "success", Failure => "failure", Refused => "refused" });

impl AuditOutcome {
    pub fn label(self) -> Msg {
        match self {
            AuditOutcome::Success => Msg::OutcomeSuccess,
            AuditOutcome::Failure => Msg::OutcomeFailure,
            AuditOutcome::Refused => Msg::OutcomeRefused,
        }
    }
}

/// How an audited event was made: a sign-in step's secret, or the way an account came to be.
/// What the audit log stores (and 帳號活動紀錄 reads back, for the second factors).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditMethod {
    Password,
    Totp,
    /// A security key or passkey.
    SecurityKey,
    Google,
    /// The emergency code by mail (重設登入綁定).
    EmailCode,
    /// A code to a new address or number.
    Email,
    Sms,
    /// Its holder, not an administrator (補寄驗證信 asked by the holder).
    ByHolder,
    /// The command line.
    Cli,
    /// A main account's form, file, or a school's request for one.
    MainAccountForm,
    MainAccountFile,
    MainRequest,
    /// 同意授權 given or withdrawn on the account page or a subsystem's first visit.
    Consent,
    /// The OpenID Connect provider, for a subsystem.
    Provider,
}

super::stored_as_text!(AuditMethod, "audit method", {
    Password => "password",
    Totp => "totp",
    SecurityKey => "security_key",
    Google => "google",
    EmailCode => "email_code",
    Email => "email",
    Sms => "sms",
    ByHolder => "self",
    Cli => "cli",
    MainAccountForm => "main_account",
    MainAccountFile => "main_account_file",
    MainRequest => "main_request",
    Consent => "consent",
    Provider => "provider",
});

/// One line of 帳號活動紀錄 (and of the central authority's search).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub id: i64,
    /// Unix seconds, UTC; pages show it in Asia/Taipei with the zone named.
    pub at: i64,
    pub event: AuditEvent,
    pub outcome: AuditOutcome,
    pub method: Option<String>,
    pub username: Option<String>,
    pub ip: String,
    pub user_agent: String,
    pub detail: String,
}

impl ActivityEntry {
    /// The second factor the event was made with, if any (the activity list names it).
    pub fn factor(&self) -> Option<super::FactorKind> {
        self.method.as_deref().and_then(super::FactorKind::parse)
    }
}
