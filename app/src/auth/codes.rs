//! Codes and links sent by mail: generated here, stored as keyed hashes bound to the account
//! and the purpose, so a code works only for the account it was sent for.

use crate::db::codes::Purpose;

/// An 8-digit code, uniformly random.
pub fn new_numeric_code() -> String {
    new_digits(8)
}

/// A code of `digits` digits (at most 18), uniformly random.
pub fn new_digits(digits: u32) -> String {
    let bytes = super::random_bytes::<8>();
    // The modulo bias is 10^digits / 2^64: below 1e-10 for the 6 and 8 digits we send.
    let n = u64::from_le_bytes(bytes) % 10u64.pow(digits.min(18));
    format!("{n:0width$}", width = digits as usize)
}

/// 重設登入綁定's code: two capital letters, told apart from digits (no I or O), and six
/// digits. Only the digits are the secret; the letters name the mail (`KX` of `KX-125770`).
pub fn new_emergency_code() -> (String, String) {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    let bytes = super::random_bytes::<2>();
    let letters = bytes.iter().map(|b| LETTERS[*b as usize % LETTERS.len()] as char).collect();
    (letters, new_digits(6))
}

/// A long random token for links.
pub fn new_link_token() -> String {
    super::hex(&super::random_bytes::<32>())
}

pub fn code_hash(key: &[u8], purpose: Purpose, user_id: i64, code: &str) -> String {
    super::keyed_hash(key, &[purpose.as_str(), &user_id.to_string(), code])
}

/// Links carry the token alone, so they are looked up by it; user id 0 in the hash.
pub fn link_hash(key: &[u8], purpose: Purpose, token: &str) -> String {
    super::keyed_hash(key, &[purpose.as_str(), "link", token])
}
