//! The account application (SPEC §2) as the browser and the server both see it: its steps, what
//! each field accepts, and what the applicant's page and the reviewer's queue show. The rules
//! are pure so that the browser says what is wrong as the user types and the server says it
//! again where it counts.

use serde::{Deserialize, Serialize};

use super::SubsystemEntry;
use crate::{
    error::AppError,
    i18n::{LocalText, Msg},
};

/// Codes sent to an email or a mobile to prove it (an application's, a new address's): 6 digits.
pub const SENT_CODE_DIGITS: usize = 6;
pub const USERNAME_MIN: usize = 6;
pub const USERNAME_MAX: usize = 30;
const NAME_MAX: usize = 40;
const EMAIL_MAX: usize = 120;
const TEXT_MAX: usize = 100;
/// The stamped form's scan: at most 5 MB.
pub const MAX_SCAN_BYTES: usize = 5 * 1024 * 1024;

/// What is applied for: a general user's account, reviewed by the organization's admins, or an
/// organization admin's (機關管理者), reviewed by the central authority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApplicationKind {
    // Forms and addresses name it by its stored text; the aliases read that as an argument.
    #[serde(alias = "user")]
    User,
    #[serde(alias = "org_admin")]
    OrgAdmin,
}

super::stored_as_text!(ApplicationKind, "application kind", { User => "user", OrgAdmin => "org_admin" });

impl ApplicationKind {
    pub fn label(self) -> Msg {
        match self {
            ApplicationKind::User => Msg::ApplyKindUser,
            ApplicationKind::OrgAdmin => Msg::ApplyKindOrgAdmin,
        }
    }

    /// The role of the account an application of this kind makes.
    pub fn role(self) -> super::Role {
        match self {
            ApplicationKind::User => super::Role::User,
            ApplicationKind::OrgAdmin => super::Role::OrgAdmin,
        }
    }

    /// How an account of `role` is reviewed (its access requests, 申請權限): an admin's go
    /// where an admin's application goes.
    pub fn reviewed_as(role: super::Role) -> ApplicationKind {
        match role {
            super::Role::OrgAdmin => ApplicationKind::OrgAdmin,
            super::Role::User | super::Role::Central => ApplicationKind::User,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApplicationStatus {
    /// Being filled in by the applicant.
    Draft,
    /// Submitted, waiting for its review.
    Pending,
    Approved,
    Rejected,
}

super::stored_as_text!(ApplicationStatus, "application status", {
    Draft => "draft",
    Pending => "pending",
    Approved => "approved",
    Rejected => "rejected",
});

impl ApplicationStatus {
    pub fn label(self) -> Msg {
        match self {
            ApplicationStatus::Draft => Msg::ApplyStatusDraft,
            ApplicationStatus::Pending => Msg::ApplyStatusPending,
            ApplicationStatus::Approved => Msg::ApplyStatusApproved,
            ApplicationStatus::Rejected => Msg::ApplyStatusRejected,
        }
    }
}

/// The steps after the organization and contact one, in order. A step is open once every
/// earlier one is done; the page may go back to any open step and finds its data kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApplyStep {
    /// 1–3: organization, name, email, mobile, CAPTCHA.
    Contact,
    /// 信箱驗證碼 and 手機驗證碼.
    Verify,
    /// 系統帳號權限申請.
    Subsystems,
    /// The account form.
    Account,
    /// Sent: what happens next.
    Submitted,
}

impl ApplyStep {
    pub const ALL: [ApplyStep; 5] =
        [ApplyStep::Contact, ApplyStep::Verify, ApplyStep::Subsystems, ApplyStep::Account, ApplyStep::Submitted];

    /// Its name in the page's address (`/apply?step=verify`), so that going back works without
    /// JavaScript too.
    pub fn slug(self) -> &'static str {
        match self {
            ApplyStep::Contact => "contact",
            ApplyStep::Verify => "verify",
            ApplyStep::Subsystems => "subsystems",
            ApplyStep::Account => "account",
            ApplyStep::Submitted => "submitted",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ApplyStep> {
        ApplyStep::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The step's name for an application that must prove `proof`: a registered contact's
    /// code step proves one of the two.
    pub fn label_for(self, proof: super::Proof) -> Msg {
        match self {
            ApplyStep::Verify if proof != super::Proof::Both => Msg::ApplyStepVerifyOne,
            step => step.label(),
        }
    }

    pub fn label(self) -> Msg {
        match self {
            ApplyStep::Contact => Msg::ApplyStepContact,
            ApplyStep::Verify => Msg::ApplyStepVerify,
            ApplyStep::Subsystems => Msg::ApplyStepSubsystems,
            ApplyStep::Account => Msg::ApplyStepAccount,
            ApplyStep::Submitted => Msg::ApplyStepSubmitted,
        }
    }
}

/// The applicant's application as its page shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    /// The furthest step open; `None`: no application yet (the first step).
    pub reached: Option<ApplyStep>,
    pub status: Option<ApplicationStatus>,
    pub org_id: i64,
    pub org_name: String,
    pub org_code: String,
    pub display_name: String,
    pub email: String,
    pub mobile: String,
    pub email_verified: bool,
    pub mobile_verified: bool,
    /// Both codes (a new applicant), or a registered contact's one.
    pub proof: super::Proof,
    pub kind: Option<ApplicationKind>,
    /// Codes of the subsystems asked for.
    pub chosen: Vec<String>,
    /// Every subsystem one may ask for.
    pub subsystems: Vec<SubsystemEntry>,
    /// 目前可審核的管理者有N位: the organization's active admins.
    pub reviewers: i64,
    /// The most admins an organization may have: at that many, no admin application.
    pub max_admins: i64,
    pub username: String,
    pub profile: Profile,
    pub review_reason: Option<String>,
    /// The stamped form's scan is on the application (an organization admin's).
    pub has_scan: bool,
    /// The email domains an official address may have (the policy), for the browser's check.
    pub email_domains: Vec<String>,
}

/// One line of a reviewer's queue (待審核列表).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: i64,
    pub kind: ApplicationKind,
    pub status: ApplicationStatus,
    pub org_name: String,
    pub org_code: String,
    pub display_name: String,
    pub username: String,
    pub unit: String,
    pub title: String,
    pub submitted_at: i64,
}

/// 審查詳細資訊: everything the applicant gave, and how the review went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDetail {
    pub summary: ApplicationSummary,
    pub email: String,
    pub mobile: String,
    /// How the applicant was proved: a new applicant's two codes, or a registered contact's one.
    pub proof: super::Proof,
    pub profile: Profile,
    /// Names of the subsystems asked for, in the reader's language.
    pub subsystems: Vec<String>,
    /// Those of them the reader may not grant (a main account grants only what it holds):
    /// approving leaves each as a request (申請權限) for whoever may.
    pub left_as_requests: Vec<String>,
    /// The organization's active admins now, and the most it may have.
    pub admins: i64,
    pub max_admins: i64,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<i64>,
    pub review_reason: Option<String>,
    /// When the stamped form's scan was uploaded, if it was.
    pub scan_uploaded_at: Option<i64>,
}

/// What a request about a subsystem asks for: 申請權限 or 申請刪除權限.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GrantChange {
    #[serde(alias = "grant")]
    Grant,
    #[serde(alias = "revoke")]
    Revoke,
}

super::stored_as_text!(GrantChange, "grant change", { Grant => "grant", Revoke => "revoke" });

impl GrantChange {
    pub fn label(self) -> Msg {
        match self {
            GrantChange::Grant => Msg::GrantAsk,
            GrantChange::Revoke => Msg::GrantGiveUp,
        }
    }
}

/// A subsystem as its user's account page shows it: held or not, and a request waiting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubsystemAccess {
    pub code: String,
    pub name: String,
    pub description: String,
    pub granted: bool,
    pub pending: Option<GrantChange>,
}

/// A request waiting for the reviewer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantRequestRow {
    pub id: i64,
    pub change: GrantChange,
    pub subsystem: String,
    pub username: String,
    pub display_name: String,
    pub org_name: String,
    pub unit: String,
    pub created_at: i64,
    /// The viewer may approve it: a give-up always, a grant only of a subsystem the viewer may
    /// grant (one it holds itself, for a main account).
    pub approvable: bool,
}

/// 個人資料: what the signed-in account keeps about its owner.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProfile {
    pub email: String,
    pub mobile: String,
    pub profile: Profile,
    /// The email domains an official address may have (the policy), for the browser's check.
    pub email_domains: Vec<String>,
}

/// One organization admin on the central authority's list for the periodic review: who, where,
/// and when they last signed in (the stalest first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminEntry {
    pub username: String,
    pub display_name: String,
    pub org_name: String,
    pub org_code: String,
    pub unit: String,
    pub title: String,
    pub active: bool,
    pub last_sign_in_at: Option<i64>,
}

pub(super) fn required(field: &str, value: &str) -> Result<(), AppError> {
    if value.trim().is_empty() {
        Err(AppError::invalid(field, Msg::FieldRequired))
    } else {
        Ok(())
    }
}

pub(super) fn at_most(field: &str, value: &str, max: usize) -> Result<(), AppError> {
    if value.trim().chars().count() > max {
        Err(AppError::invalid(field, LocalText::new(Msg::TextTooLong).arg("max", max)))
    } else {
        Ok(())
    }
}

/// A real name: Chinese characters or English letters, with the spaces and middle dots that
/// English and Indigenous names written in Chinese (·) have between their parts.
pub fn check_real_name(name: &str) -> Result<(), AppError> {
    required("name", name)?;
    at_most("name", name, NAME_MAX)?;
    let n = name.trim();
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}');
    let letters = n.chars().all(|c| c.is_ascii_alphabetic() || han(c) || c == ' ' || c == '·' || c == '‧');
    if !letters || !n.chars().any(|c| c.is_ascii_alphabetic() || han(c)) {
        return Err(AppError::invalid("name", Msg::ApplyNameLetters));
    }
    Ok(())
}

/// An email address's shape: one `@`, a local part, and a domain of dotted labels.
pub fn check_email_shape(email: &str) -> Result<(), AppError> {
    required("email", email)?;
    at_most("email", email, EMAIL_MAX)?;
    let e = email.trim().to_ascii_lowercase();
    let Some((local, domain)) = e.split_once('@') else {
        return Err(AppError::invalid("email", Msg::EmailInvalid));
    };
    let label_ok = |l: &str| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if local.is_empty()
        || local.chars().any(|c| c.is_whitespace() || c == '@' || c.is_control())
        || !domain.split('.').all(label_ok)
        || !domain.contains('.')
    {
        return Err(AppError::invalid("email", Msg::EmailInvalid));
    }
    Ok(())
}

/// An official email (公務信箱): an address whose domain is one of `domains` or under one.
pub fn check_official_email(email: &str, domains: &[String]) -> Result<(), AppError> {
    check_email_shape(email)?;
    let e = email.trim().to_ascii_lowercase();
    let domain = e.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
    let allowed = domains.iter().any(|d| {
        let d = d.trim().trim_start_matches('.').to_ascii_lowercase();
        domain == d || domain.ends_with(&format!(".{d}"))
    });
    if !allowed {
        let list = domains.join(" / ");
        return Err(AppError::invalid("email", LocalText::new(Msg::ApplyEmailDomain).arg("domains", list)));
    }
    Ok(())
}

/// A Taiwanese mobile number, `09xx-xxxxxx`, returned in that form whatever the user typed
/// between the digits (spaces, dashes, none).
pub fn check_mobile(mobile: &str) -> Result<String, AppError> {
    required("mobile", mobile)?;
    let digits: String = mobile.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != 10 || !digits.starts_with("09") || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::invalid("mobile", Msg::ApplyMobileFormat));
    }
    Ok(format!("{}-{}", &digits[..4], &digits[4..]))
}

/// A username chosen on the account form: letters and digits, 6 to 30.
pub fn check_new_username(username: &str) -> Result<(), AppError> {
    required("username", username)?;
    let u = username.trim();
    let n = u.chars().count();
    if !(USERNAME_MIN..=USERNAME_MAX).contains(&n) || !u.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::invalid(
            "username",
            LocalText::new(Msg::ApplyUsernameRule).arg("min", USERNAME_MIN).arg("max", USERNAME_MAX),
        ));
    }
    Ok(())
}

/// The office details an account keeps beside its name (SPEC §2's account form). A form's
/// server function takes it as one flattened argument: its fields are the form's, and the
/// optional ones may be left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// 職稱.
    pub title: String,
    /// 部門名稱.
    pub unit: String,
    #[serde(default)]
    pub address: String,
    pub office_phone: String,
    #[serde(default)]
    pub office_ext: String,
    #[serde(default)]
    pub fax: String,
}

impl Profile {
    /// 職稱, 部門名稱 and 公務電話 are required, the rest optional, each of bounded length; phone
    /// and fax numbers are digits with the usual separators.
    pub fn check(&self) -> Result<(), AppError> {
        required("title", &self.title)?;
        at_most("title", &self.title, TEXT_MAX)?;
        required("unit", &self.unit)?;
        at_most("unit", &self.unit, TEXT_MAX)?;
        at_most("address", &self.address, TEXT_MAX * 2)?;
        let phone = |field: &str, value: &str, max: usize| {
            at_most(field, value, max)?;
            if value.trim().chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '#' | '+')) {
                Ok(())
            } else {
                Err(AppError::invalid(field, Msg::ApplyPhoneFormat))
            }
        };
        required("office_phone", &self.office_phone)?;
        phone("office_phone", &self.office_phone, 20)?;
        phone("office_ext", &self.office_ext, 10)?;
        phone("fax", &self.fax, 20)
    }

    /// 公務電話 with its extension, as the forms print it.
    pub fn phone(&self) -> String {
        if self.office_ext.is_empty() {
            self.office_phone.clone()
        } else {
            format!("{} #{}", self.office_phone, self.office_ext)
        }
    }
}

/// A code from the email (`email_code`) or the mobile (`mobile_code`), normalized.
pub fn check_sent_code(field: &str, code: &str) -> Result<String, AppError> {
    super::inputs::check_digits(field, code, SENT_CODE_DIGITS)
}

/// What a scan of the stamped form is, from its first bytes (never from its name or the type
/// the browser claims): a PDF, a JPEG or a PNG; anything else is refused at the field `scan`.
pub fn check_scan(bytes: &[u8]) -> Result<&'static str, AppError> {
    if bytes.is_empty() {
        return Err(AppError::invalid("scan", Msg::FieldRequired));
    }
    if bytes.len() > MAX_SCAN_BYTES {
        return Err(AppError::invalid(
            "scan",
            LocalText::new(Msg::ApplyScanTooLarge).arg("max", MAX_SCAN_BYTES / 1024 / 1024),
        ));
    }
    if bytes.starts_with(b"%PDF-") {
        Ok("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Ok("image/png")
    } else {
        Err(AppError::invalid("scan", Msg::ApplyScanKind))
    }
}

/// A reviewer's reason for sending an application back: required, bounded.
pub fn check_reason(reason: &str) -> Result<(), AppError> {
    required("reason", reason)?;
    at_most("reason", reason, 500)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(r: Result<impl std::fmt::Debug, AppError>) -> Option<String> {
        match r {
            Err(AppError::Invalid { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn names_are_chinese_or_english_letters() {
        for ok in ["王小明", "Mary Chen", "瓦歷斯·諾幹", "𠀋太郎"] {
            assert!(check_real_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "  ", "王1明", "Mary_Chen", "<b>", "·", &"王".repeat(41)] {
            assert_eq!(field(check_real_name(bad)).as_deref(), Some("name"), "{bad:?}");
        }
    }

    #[test]
    fn official_email_domains_and_their_subdomains() {
        let domains = vec!["gov.tw".to_string(), "edu.tw".to_string()];
        for ok in ["a@gov.tw", "teacher@mail.tp.edu.tw", "X.Y@Moe.GOV.TW"] {
            assert!(check_official_email(ok, &domains).is_ok(), "{ok}");
        }
        for bad in [
            "a@gmail.com",
            "a@notgov.tw",
            "a@gov.tw.evil.com",
            "a@",
            "@edu.tw",
            "a b@edu.tw",
            "a@edu..tw",
            "a@x_y.edu.tw",
        ] {
            assert_eq!(field(check_official_email(bad, &domains)).as_deref(), Some("email"), "{bad:?}");
        }
    }

    #[test]
    fn mobiles_are_normalized() {
        assert_eq!(check_mobile("0912345678").unwrap(), "0912-345678");
        assert_eq!(check_mobile(" 0912-345-678 ").unwrap(), "0912-345678");
        for bad in ["", "0812345678", "091234567", "09123456789", "09１2345678", "+886912345678"] {
            assert_eq!(field(check_mobile(bad)).as_deref(), Some("mobile"), "{bad:?}");
        }
    }

    #[test]
    fn usernames_are_letters_and_digits_six_to_thirty() {
        assert!(check_new_username("teacher01").is_ok());
        assert!(check_new_username(&"a".repeat(30)).is_ok());
        for bad in ["short", &"a".repeat(31), "teacher_01", "老師帳號一二三", "teach er01"] {
            assert_eq!(field(check_new_username(bad)).as_deref(), Some("username"), "{bad:?}");
        }
    }

    #[test]
    fn profile_fields_are_checked_where_they_are() {
        let good = Profile {
            title: "教師".into(),
            unit: "教務處".into(),
            office_phone: "02-2345-6789".into(),
            office_ext: "123".into(),
            ..Profile::default()
        };
        assert!(good.check().is_ok());
        assert_eq!(good.phone(), "02-2345-6789 #123");
        assert_eq!(field(Profile { title: String::new(), ..good.clone() }.check()).as_deref(), Some("title"));
        assert_eq!(
            field(Profile { office_phone: "call me".into(), ..good.clone() }.check()).as_deref(),
            Some("office_phone")
        );
        assert_eq!(field(Profile { fax: "x".into(), ..good }.check()).as_deref(), Some("fax"));
    }

    #[test]
    fn scans_are_known_by_their_first_bytes() {
        assert_eq!(check_scan(b"%PDF-1.7 ...").unwrap(), "application/pdf");
        assert_eq!(check_scan(&[0xFF, 0xD8, 0xFF, 0xE0, 0]).unwrap(), "image/jpeg");
        assert_eq!(check_scan(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]).unwrap(), "image/png");
        for bad in [&b""[..], b"<html><script>", b"GIF89a", b"PK\x03\x04"] {
            assert_eq!(field(check_scan(bad)).as_deref(), Some("scan"), "{bad:?}");
        }
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_SCAN_BYTES + 1, 0);
        assert_eq!(field(check_scan(&big)).as_deref(), Some("scan"));
    }

    #[test]
    fn steps_round_trip_through_their_slugs() {
        for step in ApplyStep::ALL {
            assert_eq!(ApplyStep::from_slug(step.slug()), Some(step));
        }
        assert_eq!(ApplyStep::from_slug("nope"), None);
        assert!(ApplyStep::Contact < ApplyStep::Submitted);
    }
}
