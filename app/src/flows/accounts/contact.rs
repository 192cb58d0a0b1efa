//! Changing the email or the mobile: a credential change (the email is where resets and
//! notices go), so it needs a fresh verification with a bound factor (step-up), and the new
//! address or number proves itself with a code sent to it. The code is bound to the account,
//! the channel and the new value: it changes nothing else. The change ends the account's other
//! sessions and is mailed to the old address.

use crate::{
    accounts::{
        check_mobile, check_official_email, check_sent_code, AuditEvent, AuditOutcome, MyProfile, Profile,
        SENT_CODE_DIGITS,
    },
    auth::{codes, mail, RequestInfo},
    db::{
        codes::{self as stored, Purpose},
        now,
        outbox::{self, Channel},
        users, write_transaction,
    },
    error::AppError,
    flows::{
        sending::{may_send, Kind, Recipient},
        session,
    },
    i18n::Msg,
    state::AppState,
};

/// The form field a channel's new value is typed in.
fn field(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "email",
        Channel::Sms => "mobile",
    }
}

fn purpose(channel: Channel) -> Purpose {
    match channel {
        Channel::Email => Purpose::ChangeEmail,
        Channel::Sms => Purpose::ChangeMobile,
    }
}

/// The new value as it will be stored, or the error at its field.
fn checked(state: &AppState, channel: Channel, value: &str) -> Result<String, AppError> {
    match channel {
        Channel::Email => {
            check_official_email(value, &state.auth.official_email_domains)?;
            Ok(value.trim().to_ascii_lowercase())
        }
        Channel::Sms => check_mobile(value),
    }
}

fn code_hash(key: &[u8], channel: Channel, user_id: i64, value: &str, code: &str) -> String {
    codes::code_hash(key, purpose(channel), user_id, &format!("{value}\n{code}"))
}

/// 個人資料 as the page shows it.
pub async fn mine(state: &AppState, info: RequestInfo) -> Result<MyProfile, AppError> {
    let current = session::require_full(state, &info).await?;
    let domains = state.auth.official_email_domains.clone();
    let user = current.user;
    state
        .pool
        .run(move |conn| {
            Ok(MyProfile {
                profile: users::profile(conn, user.id)?,
                email: user.email,
                mobile: user.mobile.unwrap_or_default(),
                email_domains: domains,
            })
        })
        .await
}

/// Saves the office details (職稱, 部門名稱, address, phones): not a credential, so no step-up.
pub async fn save_profile(state: &AppState, info: RequestInfo, profile: Profile) -> Result<(), AppError> {
    profile.check()?;
    let current = session::require_full(state, &info).await?;
    state.pool.run(move |conn| Ok(users::set_profile(conn, current.user.id, &profile)?)).await
}

/// Sends a code to the new address or number, after a step-up; the older code of the same
/// change is void, and the wrong tries carry over.
pub async fn request(state: &AppState, info: RequestInfo, channel: Channel, value: String) -> Result<(), AppError> {
    let current = session::require_full(state, &info).await?;
    let value = checked(state, channel, &value)?;
    let old = match channel {
        Channel::Email => current.user.email.clone(),
        Channel::Sms => current.user.mobile.clone().unwrap_or_default(),
    };
    if old.eq_ignore_ascii_case(&value) {
        return Err(AppError::invalid(field(channel), Msg::ContactSame));
    }
    if !current.freshly_verified(now()) {
        return Err(AppError::StepUpRequired);
    }
    let (settings, key) = (state.auth.clone(), state.auth.keys.codes());
    let sent = state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let user = &current.user;
                let allowed = may_send(conn, &settings, &info, (Kind::Verification, Recipient::To(&value)))?;
                let outcome = if allowed { AuditOutcome::Success } else { AuditOutcome::Refused };
                super::audit(
                    conn,
                    &info,
                    AuditEvent::ContactChangeRequested,
                    outcome,
                    Some(user),
                    &user.username,
                    |r| {
                        r.method = Some(channel.as_str());
                    },
                )?;
                if !allowed {
                    return Ok(false);
                }
                let code = codes::new_digits(SENT_CODE_DIGITS as u32);
                let now = now();
                let hash = code_hash(&key, channel, user.id, &value, &code);
                stored::replace(conn, user.id, purpose(channel), &hash, now, settings.application_code_seconds)?;
                let minutes = settings.application_code_seconds / 60;
                let m = match channel {
                    Channel::Email => mail::contact_email_code(info.locale, &user.display_name, &code, minutes),
                    Channel::Sms => mail::contact_sms_code(info.locale, &code, minutes),
                };
                outbox::enqueue(conn, channel, &value, m.template, &m.subject, &m.body, now)?;
                Ok::<_, AppError>(true)
            })
        })
        .await?;
    if sent {
        Ok(())
    } else {
        Err(AppError::invalid(field(channel), Msg::ApplySendLimit))
    }
}

/// The code from the new address or number: the change is made. The try is counted before the
/// code is compared; a right code is used up.
pub async fn confirm(
    state: &AppState,
    info: RequestInfo,
    channel: Channel,
    value: String,
    code: String,
) -> Result<(), AppError> {
    let current = session::require_full(state, &info).await?;
    let value = checked(state, channel, &value)?;
    let code = check_sent_code("code", &code)?;
    let (settings, key) = (state.auth.clone(), state.auth.keys.codes());
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let user = &current.user;
                let max = settings.code_attempts;
                let wrong = || AppError::invalid("code", Msg::CodeInvalid);
                let Some(live) = stored::live(conn, user.id, purpose(channel), now())? else {
                    return Ok(Err(wrong()));
                };
                if !stored::reserve_try(conn, live.id, max)? {
                    return Ok(Err(wrong()));
                }
                if !crate::auth::same(&code_hash(&key, channel, user.id, &value, &code), &live.code_hash) {
                    stored::void_if_spent(conn, live.id, max, now())?;
                    return Ok(Err(wrong()));
                }
                stored::refund_try(conn, live.id)?;
                if !stored::consume(conn, live.id, now())? {
                    return Ok(Err(wrong()));
                }
                let (event, what) = match channel {
                    Channel::Email => {
                        users::set_contact(conn, user.id, Some(&value), None)?;
                        (AuditEvent::EmailChanged, Msg::ChangeEmailChanged)
                    }
                    Channel::Sms => {
                        users::set_contact(conn, user.id, None, Some(&value))?;
                        (AuditEvent::MobileChanged, Msg::ChangeMobileChanged)
                    }
                };
                super::audit(conn, &info, event, AuditOutcome::Success, Some(user), &user.username, |_| {})?;
                // Told at the old address (`user` is as it was): the one an intruder cannot read.
                super::notice::credential_changed(conn, &info, user, what, Some(&current.session.id_hash))?;
                Ok(Ok(()))
            })
        })
        .await?
}
