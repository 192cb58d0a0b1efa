//! TOTP (RFC 6238) as Google and Microsoft Authenticator do it: SHA-1, 6 digits, 30 seconds.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};

pub const STEP_SECONDS: i64 = 30;

/// A new 160-bit secret, base32 without padding, as authenticator apps take it.
pub fn new_secret() -> String {
    BASE32_NOPAD.encode(&super::random_bytes::<20>())
}

pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The 6-digit code for `step`, or `None` when the secret is not base32.
pub fn code_at(secret: &str, step: i64) -> Option<String> {
    let key = BASE32_NOPAD.decode(secret.as_bytes()).ok()?;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).ok()?;
    mac.update(&(step as u64).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let value = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    Some(format!("{:06}", value % 1_000_000))
}

/// The step that `code` belongs to among now, one step before and one after (clock skew),
/// newest first; `None` when it matches none.
pub fn matching_step(secret: &str, code: &str, now: i64) -> Option<i64> {
    let current = step_at(now);
    [current, current - 1, current + 1]
        .into_iter()
        .find(|step| code_at(secret, *step).is_some_and(|expected| super::same(&expected, code)))
}

/// The provisioning URI: `otpauth://totp/Issuer:account?secret=…&issuer=…`, with the
/// parameters both big authenticator apps read.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    use crate::url::encode_component as enc;
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

/// The URI as a QR code: an SVG image in a `data:` URI (the CSP allows `data:` images).
pub fn qr_data_uri(uri: &str) -> Option<String> {
    use base64::Engine;
    let code = qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    Some(format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 seed "12345678901234567890", last 6 digits.
    #[test]
    fn rfc_6238_vectors() {
        let secret = BASE32_NOPAD.encode(b"12345678901234567890");
        for (time, code) in [(59, "287082"), (1111111109, "081804"), (1234567890, "005924"), (2000000000, "279037")] {
            assert_eq!(code_at(&secret, step_at(time)).as_deref(), Some(code), "t={time}");
        }
    }

    #[test]
    fn one_step_of_skew_and_no_more() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let step = step_at(now);
        let code = |s| code_at(&secret, s).expect("valid secret");
        assert_eq!(matching_step(&secret, &code(step), now), Some(step));
        assert_eq!(matching_step(&secret, &code(step - 1), now), Some(step - 1));
        assert_eq!(matching_step(&secret, &code(step + 1), now), Some(step + 1));
        // Two steps away is refused (unless it happens to collide with a nearer code).
        let old = code(step - 2);
        if ![step - 1, step, step + 1].iter().any(|s| code(*s) == old) {
            assert_eq!(matching_step(&secret, &old, now), None);
        }
    }

    #[test]
    fn uri_and_qr() {
        let uri = otpauth_uri("Gatehouse", "010300_test01", "JBSWY3DPEHPK3PXP");
        assert!(uri.starts_with("otpauth://totp/Gatehouse:010300_test01?secret=JBSWY3DPEHPK3PXP&issuer=Gatehouse"));
        assert!(qr_data_uri(&uri).is_some_and(|d| d.starts_with("data:image/svg+xml;base64,")));
    }
}
