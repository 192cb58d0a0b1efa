//! The policy profiles. Defaults come from the old systems' manuals; the NIST profile follows
//! NIST SP 800-63B (length and a blocklist, no composition rules, no forced rotation).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CharClass {
    Lower,
    Upper,
    Digit,
    Symbol,
}

impl CharClass {
    pub const ALL: [CharClass; 4] = [CharClass::Lower, CharClass::Upper, CharClass::Digit, CharClass::Symbol];

    pub fn of(c: char) -> Option<CharClass> {
        if c.is_ascii_lowercase() {
            Some(CharClass::Lower)
        } else if c.is_ascii_uppercase() {
            Some(CharClass::Upper)
        } else if c.is_ascii_digit() {
            Some(CharClass::Digit)
        } else if c.is_ascii_punctuation() {
            Some(CharClass::Symbol)
        } else {
            None
        }
    }
}

/// Which characters a password must mix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Composition {
    /// No composition rule (NIST).
    Any,
    /// At least this many of the four classes (the seeds' "3 of 4").
    ClassesAtLeast(u8),
    /// Every one of these classes, and letters and digits only (the 管考 account form).
    LettersAndDigitsWith(Vec<CharClass>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicy {
    pub min_length: usize,
    /// NIST asks to allow at least 64; Argon2 cost does not grow with length, so be generous.
    pub max_length: usize,
    pub composition: Composition,
    pub forbid_username: bool,
    /// Refuse keyboard and alphabet runs of this many characters (`qwer`, `asdf`, `1234`).
    pub forbid_runs_of: Option<usize>,
    pub forbid_common: bool,
    /// None of the last N passwords (checked by the server against stored hashes).
    pub history: usize,
    /// Days until a change is due; `None`: no forced rotation.
    pub max_age_days: Option<u32>,
}

impl PasswordPolicy {
    /// School-side accounts (teachers, staff, sub-accounts): the seeds' defaults.
    pub fn school() -> Self {
        PasswordPolicy {
            min_length: 8,
            max_length: 128,
            composition: Composition::ClassesAtLeast(3),
            forbid_username: true,
            forbid_runs_of: Some(4),
            forbid_common: true,
            history: 3,
            max_age_days: Some(90),
        }
    }

    /// Admin-side accounts (organization admins, central authority): 12 characters.
    pub fn admin() -> Self {
        PasswordPolicy { min_length: 12, ..Self::school() }
    }

    /// The account application form (SPEC §2, the 管考 system's profile): 12 characters,
    /// upper, lower and digit, letters and digits only. The account keeps its role's profile
    /// afterwards.
    pub fn application() -> Self {
        PasswordPolicy {
            composition: Composition::LettersAndDigitsWith(vec![CharClass::Upper, CharClass::Lower, CharClass::Digit]),
            ..Self::admin()
        }
    }

    /// NIST SP 800-63B: 15 characters for a password used alone, 8 with a second factor
    /// (Gatehouse always has one); a blocklist; no composition rules; no periodic change.
    pub fn nist() -> Self {
        PasswordPolicy {
            min_length: 8,
            max_length: 128,
            composition: Composition::Any,
            forbid_username: true,
            forbid_runs_of: Some(4),
            forbid_common: true,
            history: 0,
            max_age_days: None,
        }
    }
}
