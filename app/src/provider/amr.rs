//! How a person signed in, as a subsystem is told (`amr`, RFC 8176 values; `acr`, this
//! installation's two levels): a subsystem can demand a phishing-resistant factor.

use serde::{Deserialize, Serialize};

/// What the first step of a sign-in proved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstFactor {
    /// The account's password.
    Password,
    /// A linked account at an outside provider (Google).
    Federated,
    /// A passkey: possession and the authenticator's own user verification at once.
    Passkey,
}

/// The second factor proved on the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondFactor {
    Totp,
    SecurityKey,
}

/// The `amr` of a session whose first step just passed.
pub fn amr_after_first(first: FirstFactor) -> &'static str {
    match first {
        FirstFactor::Password => "pwd",
        FirstFactor::Federated => "fed",
        // A passkey is a hardware-bound key whose authenticator verified its user.
        FirstFactor::Passkey => "hwk user mfa",
    }
}

/// The `amr` once `second` was proved after the first step recorded as `first_amr`.
pub fn amr_after_second(first_amr: &str, second: SecondFactor) -> String {
    let second = match second {
        SecondFactor::Totp => "otp",
        SecondFactor::SecurityKey => "hwk",
    };
    let first = first_amr.split_whitespace().next().unwrap_or("pwd");
    format!("{first} {second} mfa")
}

/// The assurance a sign-in gives a subsystem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Acr {
    /// Two factors.
    Mfa,
    /// Two factors, one of them a key bound to this site's origin (a security key or a
    /// passkey): a look-alike site cannot relay it.
    PhishingResistant,
}

impl Acr {
    pub fn as_str(self) -> &'static str {
        match self {
            Acr::Mfa => "urn:gatehouse:acr:mfa",
            Acr::PhishingResistant => "urn:gatehouse:acr:phr",
        }
    }

    pub const ALL: [Acr; 2] = [Acr::Mfa, Acr::PhishingResistant];
}

/// The `acr` of a sign-in whose `amr` is this.
pub fn acr_of(amr: &str) -> Acr {
    if amr.split_whitespace().any(|m| m == "hwk") {
        Acr::PhishingResistant
    } else {
        Acr::Mfa
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_way_in_is_described() {
        let totp = amr_after_second(amr_after_first(FirstFactor::Password), SecondFactor::Totp);
        assert_eq!(totp, "pwd otp mfa");
        assert_eq!(acr_of(&totp), Acr::Mfa);
        let key = amr_after_second(amr_after_first(FirstFactor::Password), SecondFactor::SecurityKey);
        assert_eq!(key, "pwd hwk mfa");
        assert_eq!(acr_of(&key), Acr::PhishingResistant);
        let google = amr_after_second(amr_after_first(FirstFactor::Federated), SecondFactor::Totp);
        assert_eq!(google, "fed otp mfa");
        assert_eq!(acr_of(&google), Acr::Mfa);
        assert_eq!(acr_of(amr_after_first(FirstFactor::Passkey)), Acr::PhishingResistant);
    }
}
