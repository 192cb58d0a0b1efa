use serde::{Deserialize, Serialize};

/// An authenticator to bind, shown once: a new one on every view of the binding page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpOffer {
    /// The secret in base32, grouped by 4 for typing it in by hand.
    pub secret_grouped: String,
    /// `otpauth://totp/…`, the content of the QR code.
    pub uri: String,
    /// The QR code as an SVG `data:` URI.
    pub qr: String,
}

/// 重設登入綁定: the emergency code was mailed. The page shows the letters it starts with, so
/// that the user picks the newest mail, and counts down its minutes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BindingResetSent {
    /// The code's two letters (`KX` of `KX-125770`).
    pub letters: String,
    /// Where it went, masked (`t***@school.edu.tw`).
    pub email: String,
    /// Seconds until it expires.
    pub seconds: i64,
}

impl BindingResetSent {
    /// The light page's address after a code was sent at `now` (Unix seconds): where it went,
    /// its letters, and when it ends (`until`), which the page reads back
    /// (`pages::reset_binding`).
    pub fn address(&self, now: i64) -> String {
        let until = (now + self.seconds).to_string();
        let query = crate::url::query_string(&[("to", &self.email), ("letters", &self.letters), ("until", &until)]);
        format!("/sign-in/reset-binding?{query}")
    }
}

/// Whether 重設登入綁定 (the lost phone) is offered at a sign-in's second step, and if not,
/// why (SPEC §3): only after the password itself was proved in this sign-in, never from a
/// Google step (for a school's Google Workspace, the Google account and the mailbox the code
/// goes to are one factor), not while password sign-in is off, and not without an
/// authenticator to lose. Then an administrator helps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmergencyReset {
    Offered,
    /// The sign-in began with Google: sign in with the password to reset.
    NeedsPassword,
    /// Password sign-in is off, or no authenticator is bound: an administrator resets.
    #[default]
    NeedsAdmin,
}

impl EmergencyReset {
    pub fn of(password_proved: bool, password_sign_in: bool, authenticator_bound: bool) -> EmergencyReset {
        match (password_sign_in && authenticator_bound, password_proved) {
            (false, _) => EmergencyReset::NeedsAdmin,
            (true, false) => EmergencyReset::NeedsPassword,
            (true, true) => EmergencyReset::Offered,
        }
    }

    /// The refusal to show, unless it is offered.
    pub fn refusal(self) -> Option<crate::i18n::Msg> {
        match self {
            EmergencyReset::Offered => None,
            EmergencyReset::NeedsPassword => Some(crate::i18n::Msg::ResetBindingNeedsPassword),
            EmergencyReset::NeedsAdmin => Some(crate::i18n::Msg::ResetBindingNeedsAdmin),
        }
    }
}

/// The emergency code as typed: `KX-125770`, `kx125770` or the six digits alone (the letters
/// only tell mails apart). The six digits, or why not.
pub fn check_emergency_code(code: &str) -> Result<String, crate::error::AppError> {
    let code = code.trim();
    let digits = match code.char_indices().nth(2) {
        Some((at, _)) if code[..at].chars().all(|c| c.is_ascii_alphabetic()) => code[at..].trim_start_matches('-'),
        _ => code,
    };
    super::inputs::check_digits("code", digits, EMERGENCY_DIGITS)
}

pub const EMERGENCY_DIGITS: usize = 6;

/// `teacher@school.edu.tw` → `t******@school.edu.tw`: enough to recognise one's own address.
pub fn mask_email(email: &str) -> String {
    match email.trim().split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}{}@{domain}", "*".repeat(local.chars().count().saturating_sub(1).max(3)))
        }
        None => "***".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emergency_codes_are_read_with_or_without_their_letters() {
        for typed in ["KX-125770", "kx125770", " 125770 ", "KX-125 770", "１２５７７０"] {
            assert_eq!(check_emergency_code(typed).expect(typed), "125770", "{typed}");
        }
        for typed in ["", "KX-", "KX-12577", "KXY-125770", "12-125770x", "KX-1257701"] {
            assert!(check_emergency_code(typed).is_err(), "{typed}");
        }
    }

    #[test]
    fn the_emergency_reset_needs_the_password_proved_on_and_an_authenticator() {
        use EmergencyReset::*;
        assert_eq!(EmergencyReset::of(true, true, true), Offered);
        assert_eq!(EmergencyReset::of(false, true, true), NeedsPassword, "a Google step");
        assert_eq!(EmergencyReset::of(false, false, true), NeedsAdmin, "password sign-in off");
        assert_eq!(EmergencyReset::of(true, false, true), NeedsAdmin, "turned off meanwhile");
        assert_eq!(EmergencyReset::of(true, true, false), NeedsAdmin, "only a key bound");
        assert!(Offered.refusal().is_none() && NeedsPassword.refusal().is_some() && NeedsAdmin.refusal().is_some());
    }

    #[test]
    fn masked_addresses_keep_the_first_letter_and_the_domain() {
        assert_eq!(mask_email("teacher@school.edu.tw"), "t******@school.edu.tw");
        assert_eq!(mask_email("t@school.edu.tw"), "t***@school.edu.tw");
        assert_eq!(mask_email("broken"), "***");
    }
}
