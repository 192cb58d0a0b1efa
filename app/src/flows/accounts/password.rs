//! Setting a password: by the one-time link, by changing it, by a 忘記密碼 code.

use super::attempt::{at_field, Attempt};
use crate::{
    accounts::{
        check_new_password, check_one_time_code, username_key, AuditEvent, AuditMethod, AuditOutcome, NewPasswordInput,
    },
    auth::{captcha, codes, hasher::HashSlot, RequestInfo},
    db::{
        codes::{self as stored, Purpose},
        failures, now,
        users::{self, User},
    },
    error::AppError,
    flows::{
        session,
        work::{Services, Work},
    },
    i18n::{LocalText, Msg},
};

/// Checks `password` against the account's policy and its last passwords, and hashes it.
pub(super) async fn new_hash(
    services: &Services,
    slot: &HashSlot,
    user: &User,
    password: &str,
    confirm: &str,
) -> Result<String, AppError> {
    let policy = services.settings.policy(user.role);
    check_new_password(&policy, &NewPasswordInput { password, confirm, username: &user.username })?;
    if policy.history > 0 {
        let user_id = user.id;
        let recent =
            services.read(move |conn| Ok(users::recent_password_hashes(conn, user_id, policy.history)?)).await?;
        for old in recent {
            if slot.verify(Some(old), password.to_string()).await? {
                return Err(AppError::invalid("password", LocalText::new(Msg::PwReused).arg("n", policy.history)));
            }
        }
    }
    slot.hash(password.to_string()).await
}

/// Writes the new hash, audits, and does what every credential change does (see `notice`):
/// the account's other sessions (all but `keep`) end and its owner is told.
fn store(work: &mut Work, user: &User, hash: &str, event: AuditEvent, keep: Option<&str>) -> Result<(), AppError> {
    users::set_password(work.conn, user.id, hash)?;
    let what = match event {
        AuditEvent::PasswordSet => Msg::ChangePasswordSet,
        AuditEvent::PasswordReset => Msg::ChangePasswordReset,
        _ => Msg::ChangePasswordChanged,
    };
    super::notice::credential_changed(work, user, what, keep)?;
    work.audit(event, AuditOutcome::Success).subject(user).write()
}

/// A password chosen with a mailed code or link (`code_id`): checked and hashed, then stored if
/// the code is still unused, which uses it. `spent` is the answer when another request used it
/// first.
async fn set_with_code(
    services: &Services,
    info: RequestInfo,
    user: User,
    code_id: i64,
    (password, confirm): (String, String),
    event: AuditEvent,
    spent: AppError,
) -> Result<(), AppError> {
    let slot = services.hasher.admit(&info.ip)?;
    let new = new_hash(services, &slot, &user, &password, &confirm).await?;
    drop(slot);
    services
        .write(&info, move |work| {
            if !stored::consume(work.conn, code_id, now())? {
                return Err(spent.into());
            }
            store(work, &user, &new, event, None)?;
            // Proving control of the mailbox ends a lockout too.
            failures::clear(work.conn, &user.username_key)?;
            Ok(())
        })
        .await
}

/// The first password, from the link that `create-admin` (and later account creation) sends.
pub async fn set_with_link(
    services: &Services,
    info: RequestInfo,
    token: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    let key = services.settings.keys.codes();
    let hash = codes::link_hash(&key, Purpose::SetPassword, token.trim());
    let code = services.read(move |conn| Ok(stored::live_by_hash(conn, &hash, Purpose::SetPassword, now())?)).await?;
    let code = code.ok_or_else(|| AppError::invalid("form", Msg::LinkInvalid))?;
    let user_id = code.user_id;
    let user = services.read(move |conn| Ok(users::find(conn, user_id)?)).await?;
    let spent = AppError::invalid("form", Msg::LinkInvalid);
    set_with_code(services, info, user, code.id, (password, confirm), AuditEvent::PasswordSet, spent).await
}

/// A signed-in user changes the password (also when it has expired). The current password is
/// an attempt under the lockout like a sign-in's: wrong ones count, are audited, and at the
/// lock end this session.
pub async fn change(
    services: &Services,
    info: RequestInfo,
    current_password: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    let current = session::require_full_even_expired(services, &info).await?;
    if current_password.is_empty() {
        return Err(AppError::invalid("current", Msg::PasswordRequired));
    }
    let slot = services.hasher.admit(&info.ip)?;
    let counting = current.clone();
    let count = services
        .write(&info, move |work| {
            current_password_attempt(&counting).begin(work).map_err(|stop| stop.map(|e| at_field("current", e)))
        })
        .await?;
    let right = slot.verify(current.user.password_hash.clone(), current_password).await?;
    let checking = current.clone();
    services
        .write(&info, move |work| {
            let attempt = current_password_attempt(&checking);
            let settled = if right {
                attempt.passed(work, count)
            } else {
                attempt.failed(work, count, Some(&checking.session.id_hash))
            };
            settled.map_err(|stop| stop.map(|e| at_field("current", e)))
        })
        .await?;
    let new = new_hash(services, &slot, &current.user, &password, &confirm).await?;
    drop(slot);
    services
        .write(&info, move |work| {
            store(work, &current.user, &new, AuditEvent::PasswordChanged, Some(&current.session.id_hash))?;
            Ok(())
        })
        .await
}

fn current_password_attempt(current: &session::Current) -> Attempt<'_> {
    Attempt::of(&current.user, AuditEvent::PasswordChanged, AuditMethod::Password)
}

/// 忘記密碼, step two: the emailed code and a new password. The same error whatever is
/// wrong with the username or the code, so the form reveals nothing.
pub async fn reset_with_code(
    services: &Services,
    info: RequestInfo,
    username: String,
    code: String,
    password: String,
    confirm: String,
    captcha_answer: String,
) -> Result<(), AppError> {
    let code = check_one_time_code(&code)?;
    captcha::verify(&services.pool, &services.settings, &captcha_answer).await?;
    let key = services.settings.keys.codes();
    let uname = username_key(&username);
    let max = services.settings.code_attempts;
    // The try is counted before the code is compared (see `stored::reserve_try`).
    let found = services
        .write(&info, move |work| {
            let Some(user) = users::find_by_key(work.conn, &uname)?.filter(User::uses_password) else {
                return Ok(None);
            };
            let Some(live) = stored::live(work.conn, user.id, Purpose::ResetPassword, now())? else {
                return Ok(None);
            };
            Ok(stored::reserve_try(work.conn, live.id, max)?.then_some((user, live)))
        })
        .await?;
    let wrong = || AppError::invalid("code", Msg::CodeInvalid);
    let Some((user, stored_code)) = found else {
        return Err(wrong());
    };
    let id = stored_code.id;
    if !crate::auth::same(&codes::code_hash(&key, Purpose::ResetPassword, user.id, &code), &stored_code.code_hash) {
        services.read(move |conn| Ok(stored::void_if_spent(conn, id, max, now())?)).await?;
        return Err(wrong());
    }
    services.read(move |conn| Ok(stored::refund_try(conn, id)?)).await?;
    set_with_code(services, info, user, id, (password, confirm), AuditEvent::PasswordReset, wrong()).await
}
