//! TOTP (RFC 6238) as Google and Microsoft Authenticator do it: SHA-1, 6 digits, 30 seconds,
//! computed by `totp-rs`. What it does not do is ours: which step a code matched, so that a
//! code is accepted once (`factors::accept_step` keeps the last step and takes only newer).

use totp_rs::{Algorithm, Secret, TOTP};

pub const STEP_SECONDS: i64 = 30;
const DIGITS: usize = 6;

/// A new 160-bit secret, base32 without padding, as authenticator apps take it.
pub fn new_secret() -> String {
    Secret::Raw(super::random_bytes::<20>().to_vec()).to_encoded().to_string()
}

pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The 6-digit code for `step`, or `None` when the secret is not base32 of at least 128 bits
/// (RFC 4226's minimum, which `totp-rs` checks) or the step is before 1970.
pub fn code_at(secret: &str, step: i64) -> Option<String> {
    let key = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    let totp = TOTP::new(Algorithm::SHA1, DIGITS, 0, STEP_SECONDS as u64, key).ok()?;
    let time = u64::try_from(step).ok()?.checked_mul(STEP_SECONDS as u64)?;
    Some(totp.generate(time))
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
        let secret = Secret::Raw(b"12345678901234567890".to_vec()).to_encoded().to_string();
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
    fn short_or_broken_secrets_give_no_code() {
        assert_eq!(code_at("JBSWY3DPEHPK3PXP", 1), None, "80 bits is below RFC 4226's minimum");
        assert_eq!(code_at("not base32!", 1), None);
        assert_eq!(code_at(&new_secret(), -1), None);
        assert_eq!(new_secret().len(), 32);
    }

    #[test]
    fn uri_and_qr() {
        let uri = otpauth_uri("Gatehouse", "010300_test01", "JBSWY3DPEHPK3PXP");
        assert!(uri.starts_with("otpauth://totp/Gatehouse:010300_test01?secret=JBSWY3DPEHPK3PXP&issuer=Gatehouse"));
        assert!(qr_data_uri(&uri).is_some_and(|d| d.starts_with("data:image/svg+xml;base64,")));
    }
}
