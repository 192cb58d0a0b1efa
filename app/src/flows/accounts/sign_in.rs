//! Step one: username, password and CAPTCHA; and what completes a sign-in, whichever step
//! does it (the authenticator code, or binding the first authenticator).

use super::attempt::Attempt;
use crate::{
    accounts::{check_username, username_key, AuditEvent, AuditOutcome, SignInNext},
    auth::{captcha, AuthSettings, RequestInfo},
    db::{
        factors, failures, members, now,
        users::{self, User},
        write_transaction, AnyConnection,
    },
    error::AppError,
    flows::session,
    i18n::Msg,
    state::AppState,
};

pub async fn sign_in(
    state: &AppState,
    info: RequestInfo,
    username: String,
    password: String,
    captcha_answer: String,
) -> Result<SignInNext, AppError> {
    check_username(&username)?;
    if password.is_empty() {
        return Err(AppError::invalid("password", Msg::PasswordRequired));
    }
    captcha::verify(&state.pool, &state.auth, &captcha_answer).await?;
    let key = username_key(&username);
    let settings = state.auth.clone();
    // A place in the hashing queue first: a client that is refused one has not made an attempt.
    let slot = state.hasher.admit(&info.ip)?;

    // Counted before the hash is checked, so that a burst cannot have more checked than the
    // lock allows (see `attempt`).
    let (user, usable, count) = state
        .pool
        .run({
            let (key, settings, info) = (key.clone(), settings.clone(), info.clone());
            move |conn| {
                write_transaction(conn, |conn| {
                    let user = users::find_by_key(conn, &key)?;
                    let attempt = password_attempt(&info, &settings, &key, user.as_ref());
                    // An account of a disabled organization is answered as a wrong password.
                    let usable = match &user {
                        Some(u) if u.uses_password() && users::may_sign_in(conn, u)? => Some(u.clone()),
                        _ => None,
                    };
                    Ok(attempt.begin(conn)?.map(|count| (user, usable, count)))
                })
            }
        })
        .await??;

    let matches = slot.verify(usable.as_ref().and_then(|u| u.password_hash.clone()), password).await?;
    drop(slot);
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let attempt = password_attempt(&info, &settings, &key, user.as_ref());
                let user = match (matches, usable) {
                    (true, Some(user)) => user,
                    _ => {
                        let refused = attempt.failed(conn, count, None)?;
                        // Only for a name no account has.
                        let refused = if user.is_none() { prefix_hint(conn, &key, refused)? } else { refused };
                        return Ok(Err(refused));
                    }
                };
                if let Err(refused) = attempt.passed(conn, count)? {
                    return Ok(Err(refused));
                }
                session::start(conn, &settings, &info, user.id)?;
                super::audit(
                    conn,
                    &info,
                    AuditEvent::SignIn,
                    AuditOutcome::Success,
                    Some(&user),
                    &user.username,
                    |r| r.method = Some("password"),
                )?;
                let bound = !factors::for_user(conn, user.id)?.is_empty();
                Ok(Ok(if bound { SignInNext::EnterCode } else { SignInNext::BindFactor }))
            })
        })
        .await?
}

/// A username typed without its school code (`test01`) that no account has, but that ends
/// exactly one sub-account's name (`010300_test01`): the refusal names the whole username, as
/// the old systems' reminder did. Nothing is said for a name that ends none, or several.
fn prefix_hint(conn: &mut AnyConnection, key: &str, refused: AppError) -> Result<AppError, AppError> {
    let AppError::Invalid { field, message } = &refused else {
        return Ok(refused);
    };
    if key.contains('_') || message.msg != Msg::SignInFailed {
        return Ok(refused);
    }
    match members::ending_with(conn, key)?.as_slice() {
        [whole] => {
            let mut hinted = message.clone();
            hinted.msg = Msg::SignInFailedPrefix;
            Ok(AppError::Invalid { field: field.clone(), message: hinted.arg("username", whole) })
        }
        _ => Ok(refused),
    }
}

fn password_attempt<'a>(
    info: &'a RequestInfo,
    settings: &'a AuthSettings,
    key: &'a str,
    user: Option<&'a users::User>,
) -> Attempt<'a> {
    Attempt { info, settings, key, user, event: AuditEvent::SignIn, method: "password" }
}

/// The second factor has been proved (a code, or the first binding): the failures are
/// cleared, the session becomes full under a new id, and the sign-in is recorded. Where to go
/// next: home, or the password change when the password has expired.
pub(crate) fn complete(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    info: &RequestInfo,
    current: &session::Current,
) -> Result<SignInNext, AppError> {
    session::verified(conn, settings, info, current)?;
    signed_in(conn, settings, &current.user)
}

/// What every finished sign-in records (however its session became full), and where it goes.
pub(crate) fn signed_in(
    conn: &mut AnyConnection,
    settings: &AuthSettings,
    user: &User,
) -> Result<SignInNext, AppError> {
    failures::clear(conn, &user.username_key)?;
    users::record_sign_in(conn, user.id)?;
    Ok(if session::password_expired(settings, user, now()) { SignInNext::ChangePassword } else { SignInNext::Home })
}
