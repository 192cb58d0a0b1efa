//! The installation's secret key, kept outside the database (`GATEHOUSE_SECRET_KEY` or the
//! key file), and what is derived from it: the encryption of authenticator secrets at rest,
//! and the keys that hash mailed codes and links and sign CAPTCHA challenges. A copy of the
//! database alone then gives neither working second factors nor forgeable codes.

use chacha20poly1305::{
    aead::{Aead, KeyInit, Payload},
    XChaCha20Poly1305, XNonce,
};

/// Sealed values start with this, so a value is never taken for another format.
const SEALED: &str = "v1:";

#[derive(Clone)]
pub struct Keys {
    master: [u8; 32],
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(…)")
    }
}

impl Default for Keys {
    /// A fresh random key: nothing ever runs on a known one by accident. Servers take theirs
    /// from the configuration; a default one lives as long as the process.
    fn default() -> Self {
        Keys { master: super::random_bytes::<32>() }
    }
}

impl Keys {
    pub fn from_bytes(master: [u8; 32]) -> Keys {
        Keys { master }
    }

    /// The key from 64 hexadecimal digits (the key file's content, or the variable's).
    pub fn from_hex(text: &str) -> Option<Keys> {
        let text = text.trim();
        if text.len() != 64 || !text.is_ascii() {
            return None;
        }
        let mut master = [0u8; 32];
        for (i, byte) in master.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Keys { master })
    }

    /// A new random key as 64 hexadecimal digits, for a new key file.
    pub fn new_hex() -> String {
        super::hex(&super::random_bytes::<32>())
    }

    /// A key for one purpose, so that no two uses share one.
    fn derived(&self, purpose: &str) -> [u8; 32] {
        super::keyed_digest(&self.master, &["gatehouse key", purpose])
    }

    /// Hashes codes and links sent by mail (see `codes`).
    pub fn codes(&self) -> [u8; 32] {
        self.derived("codes")
    }

    /// Signs CAPTCHA challenges.
    pub fn captcha(&self) -> [u8; 32] {
        self.derived("captcha")
    }

    /// Stored beside the data: a server started with another key notices before it writes.
    pub fn check_value(&self) -> String {
        super::keyed_hash(&self.master, &["gatehouse key check"])
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.derived("secrets at rest").into())
    }

    /// Encrypts `plain` (an authenticator secret) for storage, bound to `owner` (the account
    /// id): a sealed value copied onto another account does not open there.
    pub fn seal(&self, owner: i64, plain: &str) -> Option<String> {
        use base64::Engine;
        let nonce = super::random_bytes::<24>();
        let aad = owner.to_be_bytes();
        let sealed =
            self.cipher().encrypt(XNonce::from_slice(&nonce), Payload { msg: plain.as_bytes(), aad: &aad }).ok()?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Some(format!("{SEALED}{}", base64::engine::general_purpose::STANDARD_NO_PAD.encode(out)))
    }

    /// The plain value of a `seal`ed one of `owner`; `None` if it is not sealed, was sealed
    /// with another key, for another owner, or was altered.
    pub fn open(&self, owner: i64, stored: &str) -> Option<String> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD.decode(stored.strip_prefix(SEALED)?).ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(24);
        let aad = owner.to_be_bytes();
        let plain = self.cipher().decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: &aad }).ok()?;
        String::from_utf8(plain).ok()
    }

    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED)
    }
}

#[cfg(test)]
mod tests {
    use super::Keys;

    #[test]
    fn sealed_secrets_open_only_for_their_owner_and_key() {
        let keys = Keys::from_bytes([7; 32]);
        let sealed = keys.seal(42, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").expect("seal");
        assert!(Keys::is_sealed(&sealed) && !sealed.contains("JBSWY3DP"));
        assert_eq!(keys.open(42, &sealed).as_deref(), Some("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
        assert_ne!(keys.seal(42, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), Some(sealed.clone()), "a fresh nonce each time");
        assert_eq!(keys.open(43, &sealed), None, "another account's row");
        assert_eq!(Keys::from_bytes([8; 32]).open(42, &sealed), None, "another key");
        assert_eq!(keys.open(42, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), None, "not sealed");
        let mut altered = sealed.clone();
        altered.replace_range(10..11, if &sealed[10..11] == "A" { "B" } else { "A" });
        assert_eq!(keys.open(42, &altered), None);
        assert_eq!(keys.open(42, "v1:"), None);
    }

    #[test]
    fn keys_read_from_hex_and_derive_apart() {
        let hex = Keys::new_hex();
        assert_eq!(hex.len(), 64);
        let keys = Keys::from_hex(&format!("{hex}\n")).expect("hex");
        assert_eq!(keys.check_value(), Keys::from_hex(&hex).expect("hex").check_value());
        assert_ne!(keys.codes(), keys.captcha());
        for bad in ["", "xyz", &hex[..62], &format!("{}g", &hex[..63])] {
            assert!(Keys::from_hex(bad).is_none(), "{bad}");
        }
    }
}
