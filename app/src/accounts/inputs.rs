//! Rules for what the sign-in, binding and recovery forms accept, shared by the browser
//! (messages as the user types) and the server (the check that counts).

use crate::{
    error::AppError,
    i18n::{LocalText, Msg},
    password::{check, PasswordPolicy},
};

pub const TOTP_DIGITS: usize = 6;
pub const RECOVERY_CODE_DIGITS: usize = 8;
const MAX_USERNAME: usize = 64;

/// The form of a username that uniqueness and lockout are keyed on.
pub fn username_key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// A username as typed on the sign-in form: present and of sane length. Whether it exists is
/// never said.
pub fn check_username(username: &str) -> Result<(), AppError> {
    let u = username.trim();
    if u.is_empty() {
        return Err(AppError::invalid("username", Msg::UsernameRequired));
    }
    if u.chars().count() > MAX_USERNAME {
        return Err(AppError::invalid("username", LocalText::new(Msg::UsernameTooLong).arg("max", MAX_USERNAME)));
    }
    Ok(())
}

/// The longest name a security key may be given.
pub const KEY_NAME_MAX: usize = 40;

/// The name a user gives a security key or passkey ("YubiKey 5", "我的手機"): present, short,
/// on one line; trimmed.
pub fn check_key_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", Msg::KeyNameRequired));
    }
    if name.chars().count() > KEY_NAME_MAX || name.chars().any(char::is_control) {
        return Err(AppError::invalid("name", LocalText::new(Msg::KeyNameTooLong).arg("max", KEY_NAME_MAX)));
    }
    Ok(name.to_string())
}

pub(super) fn check_digits(field: &str, code: &str, digits: usize) -> Result<String, AppError> {
    // People paste codes with spaces ("123 456") or full-width digits from some keyboards.
    let cleaned: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            other => other,
        })
        .collect();
    if cleaned.len() != digits || !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::invalid(field, LocalText::new(Msg::CodeDigits).arg("digits", digits)));
    }
    Ok(cleaned)
}

/// A 6-digit authenticator code, normalized.
pub fn check_totp_code(code: &str) -> Result<String, AppError> {
    check_digits("code", code, TOTP_DIGITS)
}

/// An 8-digit code sent by mail, normalized.
pub fn check_one_time_code(code: &str) -> Result<String, AppError> {
    check_digits("code", code, RECOVERY_CODE_DIGITS)
}

/// A new password and its confirmation, as a form sends them.
pub struct NewPasswordInput<'a> {
    pub password: &'a str,
    pub confirm: &'a str,
    pub username: &'a str,
}

/// Every policy rule but the history, which needs the stored hashes; then the confirmation.
pub fn check_new_password(policy: &PasswordPolicy, input: &NewPasswordInput) -> Result<(), AppError> {
    if let Some(problem) = check(policy, input.password, Some(input.username)).into_iter().next() {
        return Err(AppError::invalid("password", problem.text()));
    }
    if input.password != input.confirm {
        return Err(AppError::invalid("confirm", Msg::PasswordMismatch));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn key_names_are_trimmed_present_short_and_on_one_line() {
        use super::check_key_name;
        assert_eq!(check_key_name("  YubiKey 5 ").expect("fine"), "YubiKey 5");
        assert_eq!(check_key_name("我的手機").expect("fine"), "我的手機");
        assert!(check_key_name("   ").is_err());
        assert!(check_key_name(&"鍵".repeat(41)).is_err());
        assert!(check_key_name(&"鍵".repeat(40)).is_ok());
        assert!(check_key_name("a\nb").is_err());
    }

    use super::*;

    #[test]
    fn codes_are_normalized_or_refused() {
        assert_eq!(check_totp_code(" 123 456 ").ok().as_deref(), Some("123456"));
        assert_eq!(check_totp_code("１２３４５６").ok().as_deref(), Some("123456"));
        assert!(check_totp_code("12345").is_err());
        assert!(check_totp_code("12345a").is_err());
        assert_eq!(check_one_time_code("1234-5678").ok().as_deref(), Some("12345678"));
        assert!(check_one_time_code("123456").is_err());
    }

    #[test]
    fn usernames_fold_case_and_must_be_present() {
        assert_eq!(username_key(" 010300_Test01 "), "010300_test01");
        assert!(check_username("  ").is_err());
        assert!(check_username(&"a".repeat(65)).is_err());
        assert!(check_username("010300_test01").is_ok());
    }

    #[test]
    fn new_password_needs_policy_and_matching_confirmation() {
        let policy = PasswordPolicy::school();
        let ok = NewPasswordInput { password: "Tz9!mQ2#vb", confirm: "Tz9!mQ2#vb", username: "teacher" };
        assert!(check_new_password(&policy, &ok).is_ok());
        let mismatch = NewPasswordInput { confirm: "Tz9!mQ2#vc", ..ok };
        assert!(
            matches!(check_new_password(&policy, &mismatch), Err(AppError::Invalid { field, .. }) if field == "confirm")
        );
        let weak = NewPasswordInput { password: "abc", confirm: "abc", username: "teacher" };
        assert!(
            matches!(check_new_password(&policy, &weak), Err(AppError::Invalid { field, .. }) if field == "password")
        );
    }
}
