//! Issuing and checking the proof-of-work CAPTCHA (see `accounts::captcha` for the idea).

use crate::{
    accounts::{work_is_done, CaptchaChallenge},
    db::{now, secrets, DbPool},
    error::AppError,
    i18n::Msg,
};

pub fn issue(key: &[u8], bits: u32, ttl: i64, now: i64) -> CaptchaChallenge {
    let salt = super::hex(&super::random_bytes::<16>());
    let expires = now + ttl;
    let signature = super::keyed_hash(key, &["captcha", &salt, &bits.to_string(), &expires.to_string()]);
    CaptchaChallenge { token: format!("{salt}.{bits}.{expires}.{signature}"), salt, bits }
}

/// A challenge as this installation issues them, good from now.
pub fn fresh(settings: &super::AuthSettings) -> CaptchaChallenge {
    issue(&settings.keys.captcha(), settings.captcha_bits, settings.captcha_seconds, now())
}

fn refused() -> AppError {
    AppError::invalid("captcha", Msg::CaptchaInvalid)
}

/// Checks a form's CAPTCHA answer and uses it up. Errors name the `captcha` field.
pub async fn verify(pool: &DbPool, settings: &super::AuthSettings, answer: &str) -> Result<(), AppError> {
    if answer.trim().is_empty() {
        return Err(AppError::invalid("captcha", Msg::CaptchaPending));
    }
    let key = settings.keys.captcha();
    let (token, n) = answer.trim().rsplit_once(':').ok_or_else(refused)?;
    let n: u64 = n.parse().map_err(|_| refused())?;
    let mut parts = token.split('.');
    let (Some(salt), Some(bits), Some(expires), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(refused());
    };
    let expected = super::keyed_hash(&key, &["captcha", salt, bits, expires]);
    let (bits, expires): (u32, i64) = (bits.parse().map_err(|_| refused())?, expires.parse().map_err(|_| refused())?);
    let now = now();
    if !super::same(&expected, signature)
        || expires <= now
        || bits < settings.captcha_bits
        || !work_is_done(salt, bits, n)
    {
        return Err(refused());
    }
    let salt = salt.to_string();
    let fresh = pool.run(move |conn| Ok(secrets::use_captcha(conn, &salt, expires, now)?)).await?;
    if fresh {
        Ok(())
    } else {
        Err(refused())
    }
}
