//! Accounts as the browser and the server both see them: roles, second-factor kinds, the
//! signed-in viewer, sign-in input rules, the CAPTCHA's proof of work and activity entries.
//! The server's side of each flow (hashing, sessions, lockout) is in `crate::auth`.

mod account_row;
mod activity;
mod actor;
mod application;
mod binding;
mod captcha;
mod channel;
mod factor;
mod failed_mail;
mod inputs;
mod member;
mod org_admin;
mod paged;
mod portal;
mod registered;
mod role;
mod stored;
mod terms;
mod viewer;

pub use account_row::AccountRow;
pub use activity::{ActivityEntry, AuditEvent, AuditMethod, AuditOutcome, MEMBER_LOG_EVENTS};
pub use actor::{Actor, Function, Subsystem};
pub use application::{
    check_email_shape, check_mobile, check_new_username, check_official_email, check_real_name, check_reason,
    check_scan, check_sent_code, AdminEntry, ApplicationDetail, ApplicationKind, ApplicationStatus, ApplicationSummary,
    ApplicationView, ApplyStep, GrantChange, GrantRequestRow, MyProfile, Profile, SubsystemAccess, MAX_SCAN_BYTES,
    SENT_CODE_DIGITS,
};
pub use binding::{check_emergency_code, mask_email, BindingResetSent, EmergencyReset, TotpOffer, EMERGENCY_DIGITS};
pub use captcha::{leading_zero_bits, solve, work_is_done, CaptchaChallenge};
pub use channel::Channel;
pub use factor::{FactorKind, PasskeyChallenge, SignInMethod, SignInMethods};
pub use failed_mail::{FailedMail, FailedMessage, FAILED_MAIL_LISTED};
pub use inputs::{
    check_key_name, check_new_password, check_one_time_code, check_totp_code, check_username, username_key,
    NewPasswordInput, KEY_NAME_MAX, RECOVERY_CODE_DIGITS, TOTP_DIGITS,
};
pub use member::{
    check_member_part, check_member_query, member_username, FunctionChoice, GrantChoice, MemberFile, MemberFileRow,
    MemberFormInfo, MemberRow, MembersView, NewMember, MEMBER_FILE_ROWS, MEMBER_PART_MAX, MEMBER_PART_MIN,
    MEMBER_QUERY_MAX,
};
pub use org_admin::{mask_phone, with_extension, AdminContact, DisabledOrg, MainRequest, MainRequestRow, OrgAdmins};
pub use paged::{clamp_page, Paged};
pub use portal::{
    Announcement, Consent, DuePeriod, PortalHome, SubsystemConsent, SubsystemEntry, ANNOUNCEMENTS_PER_PAGE,
};
pub use registered::{mask_name, ContactChoice, Proof};
pub use role::{AccountStatus, Role, UnknownRole};
use stored::stored_as_text;
pub use stored::UnknownValue;
pub use terms::{check_terms_text, Terms, TermsPage, TERMS_MAX_CHARS};
pub use viewer::{SessionStage, SignInNext, Viewer, ViewerStage};
