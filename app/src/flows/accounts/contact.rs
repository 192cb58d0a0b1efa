//! Changing the email or the mobile: a credential change (the email is where resets and
//! notices go), so it needs a fresh verification with a bound factor (step-up), and the new
//! address or number proves itself with a code sent to it. The code is bound to the account,
//! the channel and the new value: it changes nothing else. The change ends the account's other
//! sessions and is mailed to the old address.

use crate::{
    accounts::{
        check_mobile, check_official_email, check_sent_code, AuditEvent, AuditMethod, AuditOutcome, MyProfile, Profile,
        SENT_CODE_DIGITS,
    },
    auth::{codes, mail, RequestInfo},
    db::{
        codes::{self as stored, Purpose},
        now,
        outbox::{self, Channel},
        users,
    },
    error::AppError,
    flows::{
        sending::{may_send, Kind, Recipient},
        session,
        work::{refuse, Services},
    },
    i18n::Msg,
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
fn checked(services: &Services, channel: Channel, value: &str) -> Result<String, AppError> {
    match channel {
        Channel::Email => {
            check_official_email(value, &services.settings.official_email_domains)?;
            Ok(value.trim().to_ascii_lowercase())
        }
        Channel::Sms => check_mobile(value),
    }
}

fn code_hash(key: &[u8], channel: Channel, user_id: i64, value: &str, code: &str) -> String {
    codes::code_hash(key, purpose(channel), user_id, &format!("{value}\n{code}"))
}

/// 個人資料 as the page shows it.
pub async fn mine(services: &Services, info: RequestInfo) -> Result<MyProfile, AppError> {
    let current = session::require_full(services, &info).await?;
    let domains = services.settings.official_email_domains.clone();
    let user = current.user;
    services
        .read(move |conn| {
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
pub async fn save_profile(services: &Services, info: RequestInfo, profile: Profile) -> Result<(), AppError> {
    profile.check()?;
    let current = session::require_full(services, &info).await?;
    services.read(move |conn| Ok(users::set_profile(conn, current.user.id, &profile)?)).await
}

/// Sends a code to the new address or number, after a step-up; the older code of the same
/// change is void, and the wrong tries carry over.
pub async fn request(services: &Services, info: RequestInfo, channel: Channel, value: String) -> Result<(), AppError> {
    let current = session::require_full(services, &info).await?;
    let value = checked(services, channel, &value)?;
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
    let key = services.settings.keys.codes();
    services
        .write(&info, move |work| {
            let user = &current.user;
            let allowed = may_send(work.conn, work.settings, work.info, (Kind::Verification, Recipient::To(&value)))?;
            let outcome = if allowed { AuditOutcome::Success } else { AuditOutcome::Refused };
            let method = match channel {
                Channel::Email => AuditMethod::Email,
                Channel::Sms => AuditMethod::Sms,
            };
            work.audit(AuditEvent::ContactChangeRequested, outcome).subject(user).method(method).write()?;
            if !allowed {
                return refuse(AppError::invalid(field(channel), Msg::ApplySendLimit));
            }
            let code = codes::new_digits(SENT_CODE_DIGITS as u32);
            let now = now();
            let hash = code_hash(&key, channel, user.id, &value, &code);
            let lasts = work.settings.application_code_seconds;
            stored::replace(work.conn, user.id, purpose(channel), &hash, now, lasts)?;
            let (locale, minutes) = (work.info.locale, lasts / 60);
            let m = match channel {
                Channel::Email => mail::contact_email_code(locale, &user.display_name, &code, minutes),
                Channel::Sms => mail::contact_sms_code(locale, &code, minutes),
            };
            outbox::enqueue(work.conn, channel, &value, m.template, &m.subject, &m.body, now)?;
            Ok(())
        })
        .await
}

/// The code from the new address or number: the change is made. The try is counted before the
/// code is compared; a right code is used up.
pub async fn confirm(
    services: &Services,
    info: RequestInfo,
    channel: Channel,
    value: String,
    code: String,
) -> Result<(), AppError> {
    let current = session::require_full(services, &info).await?;
    let value = checked(services, channel, &value)?;
    let code = check_sent_code("code", &code)?;
    let key = services.settings.keys.codes();
    services
        .write(&info, move |work| {
            let user = &current.user;
            let max = work.settings.code_attempts;
            let wrong = || refuse(AppError::invalid("code", Msg::CodeInvalid));
            let Some(live) = stored::live(work.conn, user.id, purpose(channel), now())? else {
                return wrong();
            };
            if !stored::reserve_try(work.conn, live.id, max)? {
                return wrong();
            }
            if !crate::auth::same(&code_hash(&key, channel, user.id, &value, &code), &live.code_hash) {
                stored::void_if_spent(work.conn, live.id, max, now())?;
                return wrong();
            }
            stored::refund_try(work.conn, live.id)?;
            if !stored::consume(work.conn, live.id, now())? {
                return wrong();
            }
            let (event, what) = match channel {
                Channel::Email => {
                    users::set_contact(work.conn, user.id, Some(&value), None)?;
                    (AuditEvent::EmailChanged, Msg::ChangeEmailChanged)
                }
                Channel::Sms => {
                    users::set_contact(work.conn, user.id, None, Some(&value))?;
                    (AuditEvent::MobileChanged, Msg::ChangeMobileChanged)
                }
            };
            work.audit(event, AuditOutcome::Success).subject(user).write()?;
            // Told at the old address (`user` is as it was): the one an intruder cannot read.
            super::notice::credential_changed(work, user, what, Some(&current.session.id_hash))?;
            Ok(())
        })
        .await
}
