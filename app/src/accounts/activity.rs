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
}

impl AuditEvent {
    pub const ALL: [AuditEvent; 19] = [
        AuditEvent::SignIn,
        AuditEvent::SecondFactor,
        AuditEvent::StepUp,
        AuditEvent::Lockout,
        AuditEvent::SignOut,
        AuditEvent::SignOutOthers,
        AuditEvent::PasswordSet,
        AuditEvent::PasswordChanged,
        AuditEvent::PasswordReset,
        AuditEvent::PasswordResetRequested,
        AuditEvent::UsernameReminder,
        AuditEvent::FactorBound,
        AuditEvent::FactorsReset,
        AuditEvent::AccountUnlocked,
        AuditEvent::AccountCreated,
        AuditEvent::AnnouncementSaved,
        AuditEvent::PeriodOpened,
        AuditEvent::InventorySubmitted,
        AuditEvent::InventoryReopened,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditEvent::SignIn => "sign_in",
            AuditEvent::SecondFactor => "second_factor",
            AuditEvent::StepUp => "step_up",
            AuditEvent::Lockout => "lockout",
            AuditEvent::SignOut => "sign_out",
            AuditEvent::SignOutOthers => "sign_out_others",
            AuditEvent::PasswordSet => "password_set",
            AuditEvent::PasswordChanged => "password_changed",
            AuditEvent::PasswordReset => "password_reset",
            AuditEvent::PasswordResetRequested => "password_reset_requested",
            AuditEvent::UsernameReminder => "username_reminder",
            AuditEvent::FactorBound => "factor_bound",
            AuditEvent::FactorsReset => "factors_reset",
            AuditEvent::AccountUnlocked => "account_unlocked",
            AuditEvent::AccountCreated => "account_created",
            AuditEvent::AnnouncementSaved => "announcement_saved",
            AuditEvent::PeriodOpened => "period_opened",
            AuditEvent::InventorySubmitted => "inventory_submitted",
            AuditEvent::InventoryReopened => "inventory_reopened",
        }
    }

    pub fn parse(s: &str) -> Option<AuditEvent> {
        AuditEvent::ALL.into_iter().find(|e| e.as_str() == s)
    }

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
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditOutcome {
    Success,
    Failure,
    Refused,
}

impl AuditOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Success => "success",
            AuditOutcome::Failure => "failure",
            AuditOutcome::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Option<AuditOutcome> {
        [AuditOutcome::Success, AuditOutcome::Failure, AuditOutcome::Refused].into_iter().find(|o| o.as_str() == s)
    }

    pub fn label(self) -> Msg {
        match self {
            AuditOutcome::Success => Msg::OutcomeSuccess,
            AuditOutcome::Failure => Msg::OutcomeFailure,
            AuditOutcome::Refused => Msg::OutcomeRefused,
        }
    }
}

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
