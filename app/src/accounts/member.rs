//! Sub-accounts (子帳號, SPEC §4) as the main account creates and lists them: the rules of
//! the form, shared by the browser (said as the user types) and the server (the check that
//! counts), and the rows of the list.

use serde::{Deserialize, Serialize};

use super::{
    application::{at_most, required},
    check_official_email, check_real_name, AccountStatus, Profile,
};
use crate::{
    error::AppError,
    i18n::{LocalText, Msg},
};

pub const MEMBER_PART_MIN: usize = 2;
pub const MEMBER_PART_MAX: usize = 20;

/// The part of a sub-account's username after the organization's code and `_`: letters,
/// digits, `.` and `-`, 2 to 20 of them (`test01` in `010300_test01`); trimmed.
pub fn check_member_part(part: &str) -> Result<String, AppError> {
    required("account", part)?;
    let p = part.trim();
    let n = p.chars().count();
    if !(MEMBER_PART_MIN..=MEMBER_PART_MAX).contains(&n)
        || !p.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    {
        let rule = LocalText::new(Msg::MemberPartRule).arg("min", MEMBER_PART_MIN).arg("max", MEMBER_PART_MAX);
        return Err(AppError::invalid("account", rule));
    }
    Ok(p.to_string())
}

/// A sub-account's username: the organization's code, `_`, the chosen part.
pub fn member_username(prefix: &str, part: &str) -> String {
    format!("{prefix}_{}", part.trim())
}

/// A new sub-account as the main account fills it in: 帳號, 姓名, 處室名稱, 職稱, 公務電話
/// (分機) and 公務信箱.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMember {
    pub part: String,
    pub name: String,
    pub email: String,
    /// The form's office fields, posted beside the others.
    #[serde(flatten)]
    pub profile: Profile,
}

impl NewMember {
    /// Every field, the first one wrong said at its field; `domains` are the official email
    /// domains of the policy.
    pub fn check(&self, domains: &[String]) -> Result<(), AppError> {
        check_member_part(&self.part)?;
        check_real_name(&self.name)?;
        check_official_email(&self.email, domains)?;
        self.profile.check()
    }
}

impl NewMember {
    /// Every field's first problem, each at its field (a file's row shows them all at once).
    pub fn problems(&self, domains: &[String]) -> Vec<(String, LocalText)> {
        let checks = [
            check_member_part(&self.part).map(drop),
            check_real_name(&self.name),
            check_official_email(&self.email, domains),
            self.profile.check(),
        ];
        checks
            .into_iter()
            .filter_map(|c| match c {
                Err(AppError::Invalid { field, message }) => Some((field, message)),
                _ => None,
            })
            .collect()
    }
}

/// The most rows one sub-accounts' file may hold (a school's staff, several times over).
pub const MEMBER_FILE_ROWS: usize = 1_000;

/// One row of a sub-accounts' file as read: its row number in the file, what it says, the
/// username it would get, and what is wrong with it, each at its field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFileRow {
    pub line: usize,
    pub new: NewMember,
    pub username: String,
    pub problems: Vec<(String, LocalText)>,
}

/// A sub-accounts' file checked, row by row, before anything is created.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFile {
    pub rows: Vec<MemberFileRow>,
}

impl MemberFile {
    /// Whether every row may be created.
    pub fn is_clean(&self) -> bool {
        self.rows.iter().all(|r| r.problems.is_empty())
    }
}

/// What a sub-account's search on the list is bounded by.
pub const MEMBER_QUERY_MAX: usize = 100;

/// The search box of the list: at most `MEMBER_QUERY_MAX` characters.
pub fn check_member_query(q: &str) -> Result<(), AppError> {
    at_most("q", q, MEMBER_QUERY_MAX)
}

/// One account of the organization as the main account's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub unit: String,
    pub title: String,
    pub email: String,
    pub status: AccountStatus,
    /// A main account (listed, never acted on from here).
    pub is_main: bool,
    /// The account looking at the list.
    pub is_you: bool,
    /// Whether a password was set (otherwise the set-password link is still out).
    pub password_set: bool,
    /// Whether a second factor is bound.
    pub bound: bool,
    pub last_sign_in_at: Option<i64>,
    /// The codes of the subsystems granted.
    pub grants: Vec<String>,
    /// The functions those grants include, as `subsystem:function` (`assets:fill`).
    pub functions: Vec<String>,
    /// The codes of the subsystems whose 同意授權 it gave.
    pub consents: Vec<String>,
}

/// A subsystem the main account may grant (one it holds itself), with its catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantChoice {
    pub code: String,
    pub name: String,
    /// The functions it grants one by one (功能選單項目), in the reader's language.
    pub functions: Vec<FunctionChoice>,
}

/// A function of a subsystem's catalogue, as 子帳號管理 offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionChoice {
    pub code: String,
    pub name: String,
}

/// 新增子帳號's setting: the organization, the code its sub-accounts' names begin with (none
/// when the directory knows no code for it) and the official email domains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFormInfo {
    pub org_name: String,
    pub prefix: Option<String>,
    pub email_domains: Vec<String>,
}

/// 子帳號管理's list: what may be granted, and the accounts found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersView {
    pub grantable: Vec<GrantChoice>,
    pub members: Vec<MemberRow>,
    /// More accounts matched than are listed.
    pub more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_parts() {
        for good in ["ab", "test01", "a.b-c", "T-1.x", "abcdefghij0123456789"] {
            assert_eq!(check_member_part(good).as_deref(), Ok(good), "{good}");
        }
        assert_eq!(check_member_part("  test01 ").as_deref(), Ok("test01"));
        for bad in ["", " ", "a", "a_b", "王小明", "a b", "abcdefghij0123456789x", "x@y", "010300_t"] {
            match check_member_part(bad) {
                Err(AppError::Invalid { field, .. }) => assert_eq!(field, "account", "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert_eq!(member_username("010300", " test01"), "010300_test01");
    }

    #[test]
    fn the_form_says_the_first_wrong_field() {
        let domains = vec!["edu.tw".to_string()];
        let good = NewMember {
            part: "test01".into(),
            name: "王小明".into(),
            email: "wang@school.edu.tw".into(),
            profile: Profile {
                title: "教師".into(),
                unit: "教務處".into(),
                office_phone: "02-2345-6789".into(),
                ..Profile::default()
            },
        };
        assert_eq!(good.check(&domains), Ok(()));
        let field = |m: NewMember| match m.check(&domains) {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(NewMember { part: "x".into(), ..good.clone() }), "account");
        assert_eq!(field(NewMember { name: "123".into(), ..good.clone() }), "name");
        assert_eq!(field(NewMember { email: "a@gmail.com".into(), ..good.clone() }), "email");
        let mut no_unit = good.clone();
        no_unit.profile.unit.clear();
        assert_eq!(field(no_unit), "unit");
        assert_eq!(check_member_query(&"x".repeat(MEMBER_QUERY_MAX + 1)).is_err(), true);
    }
}
