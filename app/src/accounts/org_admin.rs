//! An organization as the central authority runs it and as the public asks about it (SPEC §1,
//! §4): who administers it (機關各系統管理者列表, office contact masked), a school's request
//! for a main account, and the organizations turned off. Shared by the pages and the server.

use serde::{Deserialize, Serialize};

use super::{application::required, NewMember};
use crate::error::AppError;

/// One administrator (the holder of a main account, 主帳號負責人) as anyone may see it: name,
/// unit and title, office contact masked, the subsystems it administers. Never a username,
/// mobile or personal detail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminContact {
    pub name: String,
    pub unit: String,
    pub title: String,
    /// 公務電話 with most digits hidden (`mask_phone`), and the extension.
    pub phone: String,
    /// 公務信箱, masked (`mask_email`).
    pub email: String,
    /// The names of the subsystems it administers.
    pub subsystems: Vec<String>,
}

/// 機關各系統管理者列表: an organization and its administrators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgAdmins {
    pub org_name: String,
    /// The OID (or school code) it was found by, for a link to its page.
    pub org_key: String,
    pub admins: Vec<AdminContact>,
}

/// `02-2771-2171` → `02-****-**71`: the area code and the last two digits stay, enough to
/// recognise the office, too little to call around the organization's switchboard.
pub fn mask_phone(phone: &str) -> String {
    let phone = phone.trim();
    let area = phone.find(['-', ' ', ')']).map(|i| i + 1).unwrap_or(0);
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    phone
        .char_indices()
        .map(|(i, c)| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if i < area || seen + 2 > digits {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// An office phone as it is shown: `02-2771-2171 #123`, the extension only when there is one
/// (and a phone to go with it).
pub fn with_extension(phone: &str, ext: &str) -> String {
    match (phone.trim(), ext.trim()) {
        (phone, "") | (phone @ "", _) => phone.to_string(),
        (phone, ext) => format!("{phone} #{ext}"),
    }
}

/// A school's (or agency's) request for a main account (SPEC §4): its code, then what a
/// sub-account's form asks, the desired account included.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MainRequest {
    /// The school code or OID (校代碼).
    pub org_code: String,
    pub member: NewMember,
}

impl MainRequest {
    /// Every field, the first one wrong said at its field.
    pub fn check(&self, domains: &[String]) -> Result<(), AppError> {
        required("org_code", &self.org_code)?;
        self.member.check(domains)
    }
}

/// A request as the central authority's queue shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MainRequestRow {
    pub id: i64,
    pub org_name: String,
    pub org_key: String,
    /// The account it would create, `{code}_{part}`.
    pub username: String,
    pub name: String,
    pub email: String,
    pub unit: String,
    pub title: String,
    pub phone: String,
    pub created_at: i64,
    /// Whether the organization got a main account meanwhile (the request can then only be
    /// turned down).
    pub has_main: bool,
}

/// An organization the central authority turned off: none of its accounts signs in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisabledOrg {
    pub key: String,
    pub name: String,
    pub disabled_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_their_area_code_and_last_two_digits() {
        assert_eq!(mask_phone("02-2771-2171"), "02-****-**71");
        assert_eq!(mask_phone("(07)3456789"), "(07)*****89");
        assert_eq!(mask_phone("0227712171"), "********71");
        assert_eq!(mask_phone(" 049 2222333 "), "049 *****33");
        assert_eq!(mask_phone("12"), "12");
        assert_eq!(with_extension("02-****-**71", " 123 "), "02-****-**71 #123");
        assert_eq!(
            (with_extension("02-2771-2171", ""), with_extension("", "123")),
            ("02-2771-2171".into(), String::new())
        );
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn a_request_names_its_organization() {
        let request = MainRequest::default();
        match request.check(&[]) {
            Err(AppError::Invalid { field, .. }) => assert_eq!(field, "org_code"),
            other => panic!("{other:?}"),
        }
    }
}
