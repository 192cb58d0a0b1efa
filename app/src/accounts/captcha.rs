//! The CAPTCHA: a proof of work, self-hosted and with nothing to see or hear, so it is the same
//! for a screen-reader user as for anyone (the approach of ALTCHA and mCaptcha). The server
//! signs a random challenge; the browser finds a number `n` such that SHA-256 of
//! `"{salt}:{n}"` starts with `bits` zero bits, which costs a script about 2^bits hashes and a
//! person nothing. Each signed challenge is accepted once and expires in minutes.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptchaChallenge {
    /// `salt.bits.expires.signature`, handed back with the answer.
    pub token: String,
    pub salt: String,
    pub bits: u32,
}

impl CaptchaChallenge {
    /// The form value that answers this challenge with `n`.
    pub fn answer(&self, n: u64) -> String {
        format!("{}:{n}", self.token)
    }
}

pub fn leading_zero_bits(digest: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in digest {
        if *byte == 0 {
            bits += 8;
        } else {
            bits += byte.leading_zeros();
            break;
        }
    }
    bits
}

pub fn work_is_done(salt: &str, bits: u32, n: u64) -> bool {
    let digest = Sha256::digest(format!("{salt}:{n}").as_bytes());
    leading_zero_bits(&digest) >= bits
}

/// The smallest `n` that answers the challenge. Expected cost: 2^bits hashes.
pub fn solve(salt: &str, bits: u32) -> u64 {
    let prefix = Sha256::new_with_prefix(format!("{salt}:").as_bytes());
    let mut n: u64 = 0;
    loop {
        let digest = prefix.clone().chain_update(n.to_string().as_bytes()).finalize();
        if leading_zero_bits(&digest) >= bits {
            return n;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solutions_pass_and_other_numbers_mostly_fail() {
        let n = solve("abc", 12);
        assert!(work_is_done("abc", 12, n));
        // Every number below the first solution fails, by definition of "first".
        assert!((0..n).all(|m| !work_is_done("abc", 12, m)));
        // The work is bound to the salt.
        assert_ne!(solve("abd", 12), n, "two salts share a first solution only by rare chance");
    }

    #[test]
    fn leading_zeros_count_across_bytes() {
        assert_eq!(leading_zero_bits(&[0, 0, 0x10]), 19);
        assert_eq!(leading_zero_bits(&[0x80]), 0);
        assert_eq!(leading_zero_bits(&[0, 1]), 15);
    }
}
