//! The CAPTCHA's proof of work (see `app::accounts::captcha`): find a number `n` such that
//! SHA-256 of `"{salt}:{n}"` starts with `bits` zero bits. The server's check and the app's
//! wasm call [`search`] through `app::accounts`; the light pages, which load no app wasm, run
//! it as a wasm of its own of a few kilobytes (`standalone`, built by `scripts/solver-wasm.sh`)
//! in workers started by `app/scripts/captcha.js`.
#![no_std]

use sha2::{Digest, Sha256};

/// How many zero bits `digest` starts with.
pub fn leading_zero_bits(digest: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in digest {
        if *byte != 0 {
            return bits + byte.leading_zeros();
        }
        bits += 8;
    }
    bits
}

/// `n` in decimal, as `format!("{n}")` writes it, without an allocator.
fn decimal(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buffer[at..];
        }
    }
}

/// The SHA-256 state after `"{salt}:"`, shared by every number tried.
pub fn prefix(salt: &[u8]) -> Sha256 {
    Sha256::new_with_prefix(salt).chain_update(b":")
}

/// Whether `n` answers the challenge whose prefix is `prefix`.
pub fn answers(prefix: &Sha256, bits: u32, n: u64) -> bool {
    let mut buffer = [0; 20];
    leading_zero_bits(&prefix.clone().chain_update(decimal(n, &mut buffer)).finalize()) >= bits
}

/// The first of `start`, `start + step`, … (`tries` numbers) that answers, if any. Several
/// searchers split the numbers by `step`; one searcher with step 1 finds the smallest answer.
pub fn search(prefix: &Sha256, bits: u32, start: u64, step: u64, tries: u64) -> Option<u64> {
    (0..tries).map(|i| start + i * step).find(|n| answers(prefix, bits, *n))
}

#[cfg(feature = "standalone")]
mod standalone;

#[cfg(test)]
extern crate std;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_bits_are_counted_to_the_first_one() {
        assert_eq!(leading_zero_bits(&[0, 0, 0x10]), 19);
        assert_eq!(leading_zero_bits(&[0x80]), 0);
        assert_eq!(leading_zero_bits(&[0, 1]), 15);
        assert_eq!(leading_zero_bits(&[0, 0]), 16);
    }

    #[test]
    fn numbers_are_written_as_decimal() {
        let mut buffer = [0; 20];
        for n in [0, 7, 10, 99, 1_000_003, u64::MAX] {
            assert_eq!(decimal(n, &mut buffer), std::format!("{n}").as_bytes());
        }
    }

    #[test]
    fn a_split_search_finds_answers_in_its_own_numbers() {
        let prefix = prefix(b"9f86d081884c7d65");
        let first = search(&prefix, 8, 0, 1, 1 << 16).expect("an answer within 2^16");
        assert!((0..first).all(|n| !answers(&prefix, 8, n)));
        let odd = search(&prefix, 8, 1, 2, 1 << 16).expect("an odd answer");
        assert_eq!(odd % 2, 1);
        assert!(answers(&prefix, 8, odd));
        assert_eq!(search(&prefix, 8, first + 1, 1, 0), None);
    }
}
