//! The server's side of accounts: settings, password hashing, TOTP, the CAPTCHA's signature,
//! sessions and their cookie, lockout, and the flows the server functions call. Server-only.

pub mod at_rest;
pub mod captcha;
pub mod codes;
pub mod hasher;
pub mod keys;
pub mod lockout;
pub mod mail;
pub mod oidc;
pub mod request;
pub mod settings;
pub mod signing;
pub mod totp;
pub mod webauthn;

pub use hasher::{HashLimits, PasswordHasher};
pub use keys::Keys;
pub use request::RequestInfo;
pub use settings::{AuthSettings, MIN_AUDIT_MONTHS};

/// `n` random bytes from the operating system's generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // Without the operating system's randomness nothing here is safe: stop rather than go on.
    getrandom::fill(&mut bytes).expect("the operating system's random number generator works");
    bytes
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// HMAC-SHA-256 of `parts` joined by `\n`.
pub fn keyed_digest(key: &[u8], parts: &[&str]) -> [u8; 32] {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            mac.update(b"\n");
        }
        mac.update(part.as_bytes());
    }
    mac.finalize().into_bytes().into()
}

/// `keyed_digest` in hex. Codes and CAPTCHA challenges are signed or stored this way, keyed by
/// a key derived from the installation's secret key (`Keys`).
pub fn keyed_hash(key: &[u8], parts: &[&str]) -> String {
    hex(&keyed_digest(key, parts))
}

/// Compares two strings in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
