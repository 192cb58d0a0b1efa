//! Setting a password: by the one-time link, by changing it, by a 忘記密碼 code.

use crate::{
    accounts::{check_new_password, check_one_time_code, username_key, AuditEvent, AuditOutcome, NewPasswordInput},
    auth::{captcha, codes, session, RequestInfo},
    db::{
        codes::{self as stored, Purpose},
        failures, now, sessions,
        users::{self, User},
        write_transaction,
    },
    error::AppError,
    i18n::{LocalText, Msg},
    state::AppState,
};

/// Checks `password` against the account's policy and its last passwords, and hashes it.
async fn new_hash(state: &AppState, user: &User, password: &str, confirm: &str) -> Result<String, AppError> {
    let policy = state.auth.policy(user.role());
    check_new_password(&policy, &NewPasswordInput { password, confirm, username: &user.username })?;
    if policy.history > 0 {
        let user_id = user.id;
        let recent =
            state.pool.run(move |conn| Ok(users::recent_password_hashes(conn, user_id, policy.history)?)).await?;
        for old in recent {
            if state.hasher.verify(Some(old), password.to_string()).await? {
                return Err(AppError::invalid("password", LocalText::new(Msg::PwReused).arg("n", policy.history)));
            }
        }
    }
    state.hasher.hash(password.to_string()).await
}

/// Writes the new hash, ends the account's sessions (but `keep`) and audits.
fn store(
    conn: &mut crate::db::AnyConnection,
    info: &RequestInfo,
    user: &User,
    hash: &str,
    event: AuditEvent,
    keep: Option<&str>,
) -> Result<(), AppError> {
    users::set_password(conn, user.id, hash)?;
    sessions::delete_others(conn, user.id, keep)?;
    super::audit(conn, info, event, AuditOutcome::Success, Some(user), &user.username, |_| {})
}

/// The first password, from the link that `create-admin` (and later account creation) sends.
pub async fn set_with_link(
    state: &AppState,
    info: RequestInfo,
    token: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    let key = state.secret_key().await?;
    let hash = codes::link_hash(&key, Purpose::SetPassword, token.trim());
    let code = state.pool.run(move |conn| Ok(stored::live_by_hash(conn, &hash, Purpose::SetPassword, now())?)).await?;
    let code = code.ok_or_else(|| AppError::invalid("form", Msg::LinkInvalid))?;
    let user_id = code.user_id;
    let user = state.pool.run(move |conn| Ok(users::find(conn, user_id)?)).await?;
    let new = new_hash(state, &user, &password, &confirm).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                if !stored::consume(conn, code.id, now())? {
                    return Ok(Err(AppError::invalid("form", Msg::LinkInvalid)));
                }
                store(conn, &info, &user, &new, AuditEvent::PasswordSet, None)?;
                Ok(Ok(()))
            })
        })
        .await?
}

/// A signed-in user changes the password (also when it has expired).
pub async fn change(
    state: &AppState,
    info: RequestInfo,
    current_password: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    let current = session::require_full(state, &info).await?;
    if !state.hasher.verify(current.user.password_hash.clone(), current_password).await? {
        return Err(AppError::invalid("current", Msg::CurrentPasswordWrong));
    }
    let new = new_hash(state, &current.user, &password, &confirm).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                store(conn, &info, &current.user, &new, AuditEvent::PasswordChanged, Some(&current.session.id_hash))
            })
        })
        .await
}

/// 忘記密碼, step two: the emailed code and a new password. The same error whatever is
/// wrong with the username or the code, so the form reveals nothing.
pub async fn reset_with_code(
    state: &AppState,
    info: RequestInfo,
    username: String,
    code: String,
    password: String,
    confirm: String,
    captcha_answer: String,
) -> Result<(), AppError> {
    let code = check_one_time_code(&code)?;
    captcha::verify(state, &captcha_answer).await?;
    let key = state.secret_key().await?;
    let settings = state.auth.clone();
    let uname = username_key(&username);
    let found = state
        .pool
        .run(move |conn| {
            let Some(user) = users::find_by_key(conn, &uname)?.filter(User::is_active) else {
                return Ok(None);
            };
            Ok(stored::live(conn, user.id, Purpose::ResetPassword, now())?.map(|c| (user, c)))
        })
        .await?;
    let wrong = || AppError::invalid("code", Msg::CodeInvalid);
    let Some((user, stored_code)) = found else {
        return Err(wrong());
    };
    if !crate::auth::same(&codes::code_hash(&key, Purpose::ResetPassword, user.id, &code), &stored_code.code_hash) {
        let id = stored_code.id;
        let max = settings.code_attempts;
        state.pool.run(move |conn| Ok(stored::wrong_try(conn, id, max, now())?)).await?;
        return Err(wrong());
    }
    let new = new_hash(state, &user, &password, &confirm).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                if !stored::consume(conn, stored_code.id, now())? {
                    return Ok(Err(wrong()));
                }
                store(conn, &info, &user, &new, AuditEvent::PasswordReset, None)?;
                // Proving control of the mailbox ends a lockout too.
                failures::clear(conn, &user.username_key)?;
                Ok(Ok(()))
            })
        })
        .await?
}
