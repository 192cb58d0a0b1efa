//! Checking a password against a policy: every problem, each said in the user's language.

use serde::{Deserialize, Serialize};

use super::{is_common, keyboard_run, CharClass, Composition, PasswordPolicy};
use crate::i18n::{LocalText, Msg};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    TooShort { min: usize },
    TooLong { max: usize },
    TooFewClasses { need: u8 },
    MissingClass(CharClass),
    OnlyLettersAndDigits,
    ContainsUsername,
    KeyboardRun(String),
    Common,
}

/// Every rule of `policy` that `password` breaks, in a stable order. Empty means acceptable
/// (history aside: see the module docs).
pub fn check(policy: &PasswordPolicy, password: &str, username: Option<&str>) -> Vec<PasswordProblem> {
    let mut problems = Vec::new();
    let length = password.chars().count();
    if length < policy.min_length {
        problems.push(PasswordProblem::TooShort { min: policy.min_length });
    }
    if length > policy.max_length {
        problems.push(PasswordProblem::TooLong { max: policy.max_length });
    }
    let has = |class: CharClass| password.chars().any(|c| CharClass::of(c) == Some(class));
    match &policy.composition {
        Composition::Any => {}
        Composition::ClassesAtLeast(need) => {
            let count = CharClass::ALL.iter().filter(|c| has(**c)).count();
            if count < usize::from(*need) {
                problems.push(PasswordProblem::TooFewClasses { need: *need });
            }
        }
        Composition::LettersAndDigitsWith(required) => {
            if !password.chars().all(|c| c.is_ascii_alphanumeric()) {
                problems.push(PasswordProblem::OnlyLettersAndDigits);
            }
            problems.extend(required.iter().filter(|c| !has(**c)).map(|c| PasswordProblem::MissingClass(*c)));
        }
    }
    if policy.forbid_username {
        let name = username.map(|u| u.trim().to_lowercase()).filter(|u| u.chars().count() >= 3);
        if name.is_some_and(|u| password.to_lowercase().contains(&u)) {
            problems.push(PasswordProblem::ContainsUsername);
        }
    }
    if let Some(run) = policy.forbid_runs_of.and_then(|n| keyboard_run(password, n)) {
        problems.push(PasswordProblem::KeyboardRun(run));
    }
    if policy.forbid_common && is_common(password) {
        problems.push(PasswordProblem::Common);
    }
    problems
}

impl PasswordProblem {
    pub fn text(&self) -> LocalText {
        match self {
            PasswordProblem::TooShort { min } => LocalText::new(Msg::PwTooShort).arg("min", min),
            PasswordProblem::TooLong { max } => LocalText::new(Msg::PwTooLong).arg("max", max),
            PasswordProblem::TooFewClasses { need } => LocalText::new(Msg::PwTooFewClasses).arg("need", need),
            PasswordProblem::MissingClass(class) => LocalText::new(match class {
                CharClass::Lower => Msg::PwNeedLower,
                CharClass::Upper => Msg::PwNeedUpper,
                CharClass::Digit => Msg::PwNeedDigit,
                CharClass::Symbol => Msg::PwNeedSymbol,
            }),
            PasswordProblem::OnlyLettersAndDigits => Msg::PwOnlyLettersDigits.into(),
            PasswordProblem::ContainsUsername => Msg::PwContainsUsername.into(),
            PasswordProblem::KeyboardRun(run) => LocalText::new(Msg::PwKeyboardRun).arg("run", run),
            PasswordProblem::Common => Msg::PwCommon.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn school_profile() {
        let p = PasswordPolicy::school();
        assert_eq!(check(&p, "Tz9!kq2#", Some("teacher01")), vec![]);
        assert_eq!(check(&p, "Tz9!kq2", None), vec![PasswordProblem::TooShort { min: 8 }]);
        assert_eq!(check(&p, "tz9kqmxw", None), vec![PasswordProblem::TooFewClasses { need: 3 }]);
        assert_eq!(check(&p, "Tz9kqmxw", None), vec![]);
        assert_eq!(check(&p, "xTeacher01!", Some("teacher01")), vec![PasswordProblem::ContainsUsername]);
        assert_eq!(check(&p, "Zm!qwer9", None), vec![PasswordProblem::KeyboardRun("qwer".into())]);
        assert_eq!(check(&p, "Password1", None), vec![PasswordProblem::Common]);
        assert_eq!(check(&p, &"Aa1!".repeat(33), None), vec![PasswordProblem::TooLong { max: 128 }]);
    }

    #[test]
    fn admin_profile_needs_twelve() {
        let p = PasswordPolicy::admin();
        assert_eq!(check(&p, "Tz9!kq2#", None), vec![PasswordProblem::TooShort { min: 12 }]);
        assert_eq!(check(&p, "Tz9!kq2#mWv5", None), vec![]);
    }

    #[test]
    fn sign_up_form_profile_letters_and_digits_with_upper_lower_digit() {
        let p = PasswordPolicy {
            composition: Composition::LettersAndDigitsWith(vec![CharClass::Upper, CharClass::Lower, CharClass::Digit]),
            ..PasswordPolicy::admin()
        };
        assert_eq!(check(&p, "Tz9kqmxwvbnp", None), vec![]);
        assert_eq!(
            check(&p, "tz9kqmxw!bnp", None),
            vec![PasswordProblem::OnlyLettersAndDigits, PasswordProblem::MissingClass(CharClass::Upper)]
        );
    }

    #[test]
    fn nist_profile_has_no_composition_or_rotation() {
        let p = PasswordPolicy::nist();
        assert_eq!(check(&p, "correct horse battery", None), vec![]);
        assert_eq!(check(&p, "長城很長很長很長", None), vec![], "Unicode counts by character");
        assert_eq!(check(&p, "password", None), vec![PasswordProblem::Common]);
        assert_eq!(p.max_age_days, None);
    }

    #[test]
    fn every_problem_is_said_in_both_languages() {
        let all = [
            PasswordProblem::TooShort { min: 8 },
            PasswordProblem::TooLong { max: 128 },
            PasswordProblem::TooFewClasses { need: 3 },
            PasswordProblem::MissingClass(CharClass::Symbol),
            PasswordProblem::OnlyLettersAndDigits,
            PasswordProblem::ContainsUsername,
            PasswordProblem::KeyboardRun("asdf".into()),
            PasswordProblem::Common,
        ];
        for problem in all {
            for locale in Locale::ALL {
                let text = problem.text().render(locale);
                assert!(!text.is_empty() && !text.contains('{'), "{problem:?}: {text}");
            }
        }
    }
}
