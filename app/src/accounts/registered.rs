//! A registered contact's application (SPEC §2 step 2, 既有聯絡人): the central authority has
//! the person on record with an official email and mobile, so one code on either proves the
//! applicant, where a new applicant proves both. Shared by the page and the server.

use serde::{Deserialize, Serialize};

/// What an application must prove before its later steps open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Proof {
    /// A new applicant: the email's code and the mobile's.
    #[default]
    Both,
    /// A registered contact who chose to be sent the code by email.
    Email,
    /// A registered contact who chose the SMS.
    Sms,
}

super::stored_as_text!(Proof, "application proof", { Both => "both", Email => "email", Sms => "sms" });

impl Proof {
    pub fn needs_email(self) -> bool {
        matches!(self, Proof::Both | Proof::Email)
    }

    pub fn needs_mobile(self) -> bool {
        matches!(self, Proof::Both | Proof::Sms)
    }

    /// How the reviewer's page names it.
    pub fn label(self) -> crate::i18n::Msg {
        match self {
            Proof::Both => crate::i18n::Msg::ReviewProofBoth,
            Proof::Email => crate::i18n::Msg::ReviewProofEmail,
            Proof::Sms => crate::i18n::Msg::ReviewProofSms,
        }
    }

    /// Whether what was proved is enough.
    pub fn met(self, email_verified: bool, mobile_verified: bool) -> bool {
        (email_verified || !self.needs_email()) && (mobile_verified || !self.needs_mobile())
    }
}

/// One name in the 請選擇姓名 list: masked, so that the list tells a stranger little more than
/// how many contacts an organization has, while its owner still recognizes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactChoice {
    pub id: i64,
    pub masked: String,
}

/// `王小明` → `王○明`, `王明` → `王○`, `Mary Lin` → `M○○○ ○○n`: the first and last letters
/// stay, every other one but spaces becomes ○.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "○".into(),
        2 => format!("{}○", chars[0]),
        n => chars.iter().enumerate().map(|(i, c)| if i == 0 || i == n - 1 || *c == ' ' { *c } else { '○' }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_the_ends_only() {
        assert_eq!(mask_name("王小明"), "王○明");
        assert_eq!(mask_name("王明"), "王○");
        assert_eq!(mask_name("歐陽小華"), "歐○○華");
        assert_eq!(mask_name("Mary Lin"), "M○○○ ○○n");
        assert_eq!(mask_name("林"), "○");
    }

    #[test]
    fn a_contact_proves_one_channel_a_new_applicant_both() {
        assert!(!Proof::Both.met(true, false));
        assert!(Proof::Both.met(true, true));
        assert!(Proof::Email.met(true, false));
        assert!(!Proof::Email.met(false, true));
        assert!(Proof::Sms.met(false, true));
        assert_eq!(Proof::parse("sms"), Some(Proof::Sms));
        assert_eq!(Proof::parse("both "), None);
    }
}
