//! The CAPTCHA: a proof of work, self-hosted and with nothing to see or hear, so it is the same
//! for a screen-reader user as for anyone (the approach of ALTCHA and mCaptcha). The server
//! signs a random challenge; the browser finds a number `n` such that SHA-256 of
//! `"{salt}:{n}"` starts with `bits` zero bits, which costs a script about 2^bits hashes and a
//! person nothing. Each signed challenge is accepted once and expires in minutes.

use serde::{Deserialize, Serialize};

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

pub use solver::leading_zero_bits;

pub fn work_is_done(salt: &str, bits: u32, n: u64) -> bool {
    solver::answers(&solver::prefix(salt.as_bytes()), bits, n)
}

/// The smallest `n` that answers the challenge. Expected cost: 2^bits hashes.
pub fn solve(salt: &str, bits: u32) -> u64 {
    solver::search(&solver::prefix(salt.as_bytes()), bits, 0, 1, u64::MAX).unwrap_or(u64::MAX)
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
}
