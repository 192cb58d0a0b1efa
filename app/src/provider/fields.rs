//! The profile fields a subsystem may be registered to receive, each named on the 同意授權
//! page and stored as its code (space-separated lists).

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProfileField {
    /// `preferred_username`: the account's name (010300_test01).
    Username,
    /// `name`.
    Name,
    /// `email` and `email_verified`.
    Email,
    /// `phone_number`: the office phone.
    Phone,
    /// `organization`: OID, name, school code and county, from the directory.
    Organization,
    /// `unit`.
    Unit,
    /// `title`.
    Title,
    /// `main_account`: whether the account is its organization's main account.
    MainAccount,
    /// `functions`: the functions this subsystem's grant includes for the account.
    Functions,
}

impl ProfileField {
    pub const ALL: [ProfileField; 9] = [
        ProfileField::Username,
        ProfileField::Name,
        ProfileField::Email,
        ProfileField::Phone,
        ProfileField::Organization,
        ProfileField::Unit,
        ProfileField::Title,
        ProfileField::MainAccount,
        ProfileField::Functions,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProfileField::Username => "username",
            ProfileField::Name => "name",
            ProfileField::Email => "email",
            ProfileField::Phone => "phone",
            ProfileField::Organization => "organization",
            ProfileField::Unit => "unit",
            ProfileField::Title => "title",
            ProfileField::MainAccount => "main_account",
            ProfileField::Functions => "functions",
        }
    }

    pub fn label(self) -> Msg {
        match self {
            ProfileField::Username => Msg::Username,
            ProfileField::Name => Msg::DisplayName,
            ProfileField::Email => Msg::ApplyOfficialEmail,
            ProfileField::Phone => Msg::ApplyOfficePhone,
            ProfileField::Organization => Msg::Organization,
            ProfileField::Unit => Msg::ApplyUnit,
            ProfileField::Title => Msg::ApplyJobTitle,
            ProfileField::MainAccount => Msg::FieldMainAccount,
            ProfileField::Functions => Msg::FieldFunctions,
        }
    }

    pub fn of(code: &str) -> Option<ProfileField> {
        ProfileField::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The fields a stored list names, in the catalogue's order; unknown codes are skipped.
    pub fn parse_list(list: &str) -> Vec<ProfileField> {
        let named: Vec<&str> = list.split_whitespace().collect();
        ProfileField::ALL.into_iter().filter(|f| named.contains(&f.code())).collect()
    }

    /// A list as stored.
    pub fn list(fields: &[ProfileField]) -> String {
        ProfileField::ALL.into_iter().filter(|f| fields.contains(f)).map(|f| f.code()).collect::<Vec<_>>().join(" ")
    }

    /// Whether a consent to `agreed` covers every field in `wanted`.
    pub fn covers(agreed: &[ProfileField], wanted: &[ProfileField]) -> bool {
        wanted.iter().all(|f| agreed.contains(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_in_catalogue_order() {
        let fields = ProfileField::parse_list("email  name bogus functions");
        assert_eq!(fields, vec![ProfileField::Name, ProfileField::Email, ProfileField::Functions]);
        assert_eq!(ProfileField::list(&fields), "name email functions");
        for f in ProfileField::ALL {
            assert_eq!(ProfileField::of(f.code()), Some(f));
        }
    }

    #[test]
    fn a_grown_list_is_not_covered() {
        let agreed = ProfileField::parse_list("name email");
        assert!(ProfileField::covers(&agreed, &ProfileField::parse_list("email")));
        assert!(!ProfileField::covers(&agreed, &ProfileField::parse_list("email phone")));
    }
}
