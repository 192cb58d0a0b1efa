//! The strength meter: 弱 / 中 / 強. A password that breaks the policy is weak whatever its
//! length; beyond that, length counts most, then variety.

use serde::{Deserialize, Serialize};

use super::{check, CharClass, PasswordPolicy};
use crate::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Strength {
    Weak,
    Medium,
    Strong,
}

impl Strength {
    pub fn label(self) -> Msg {
        match self {
            Strength::Weak => Msg::StrengthWeak,
            Strength::Medium => Msg::StrengthMedium,
            Strength::Strong => Msg::StrengthStrong,
        }
    }
}

pub fn strength(policy: &PasswordPolicy, password: &str, username: Option<&str>) -> Strength {
    if !check(policy, password, username).is_empty() {
        return Strength::Weak;
    }
    let length = password.chars().count();
    let classes = CharClass::ALL.iter().filter(|k| password.chars().any(|c| CharClass::of(c) == Some(**k))).count();
    let distinct = {
        let mut chars: Vec<char> = password.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        chars.len()
    };
    if distinct * 3 < length {
        // Mostly repeats (`Aa1!Aa1!Aa1!Aa1!`): long but not varied. Prose has far more.
        Strength::Medium
    } else if length >= 16 || (length >= 12 && classes >= 3) {
        Strength::Strong
    } else {
        Strength::Medium
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meter() {
        let p = PasswordPolicy::school();
        assert_eq!(strength(&p, "password", None), Strength::Weak);
        assert_eq!(strength(&p, "Tz9!kq2#", None), Strength::Medium);
        assert_eq!(strength(&p, "Tz9!kq2#mWv5", None), Strength::Strong);
        assert_eq!(strength(&p, "Aa1!Aa1!Aa1!Aa1!", None), Strength::Medium);
        assert_eq!(strength(&PasswordPolicy::nist(), "correct horse battery staple", None), Strength::Strong);
    }
}
