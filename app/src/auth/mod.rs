//! The server's side of accounts: settings, password hashing, TOTP, the CAPTCHA's signature,
//! sessions and their cookie, lockout, and the flows the server functions call. Server-only.

pub mod captcha;
pub mod codes;
pub mod flows;
pub mod hasher;
pub mod lockout;
pub mod mail;
pub mod request;
pub mod session;
pub mod settings;
pub mod totp;

pub use hasher::{HashLimits, PasswordHasher};
pub use request::RequestInfo;
pub use settings::AuthSettings;

/// The installation's secret key, created on first use and shared through the database.
pub async fn installation_key(pool: &crate::db::DbPool) -> Result<Vec<u8>, crate::error::AppError> {
    let fresh = hex(&random_bytes::<32>());
    let stored = pool
        .run(move |conn| Ok(crate::db::secrets::get_or_create(conn, "installation_key", &fresh, crate::db::now())?))
        .await?;
    Ok(stored.into_bytes())
}

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

/// HMAC-SHA-256 of `parts` joined by `\n`, in hex. Codes and CAPTCHA challenges are signed or
/// stored this way, keyed by the installation's secret.
pub fn keyed_hash(key: &[u8], parts: &[&str]) -> String {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            mac.update(b"\n");
        }
        mac.update(part.as_bytes());
    }
    hex(&mac.finalize().into_bytes())
}

/// Compares two strings in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
