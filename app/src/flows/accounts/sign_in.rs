//! Step one: username, password and CAPTCHA; and what completes a sign-in, whichever step
//! does it (the authenticator code, or binding the first authenticator).

use super::attempt::Attempt;
use crate::{
    accounts::{check_username, username_key, AuditEvent, AuditOutcome, SessionStage, SignInNext},
    auth::{captcha, AuthSettings, RequestInfo},
    db::{
        factors, failures, now,
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
                        return Ok(Err(prefix_hint(&key, attempt.failed(conn, count, None)?)));
                    }
                };
                if let Err(refused) = attempt.passed(conn, count)? {
                    return Ok(Err(refused));
                }
                session::start(conn, &settings, &info, user.id, SessionStage::Password)?;
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

/// A username typed without a school code (`test01`, no `_`): the refusal reminds that school
/// accounts carry the code in front (SPEC §4), with a fixed example. The same for every such
/// name, whether or not an account has it and whatever accounts end so: the answer names no
/// account and tells no stranger which names exist.
fn prefix_hint(key: &str, refused: AppError) -> AppError {
    match refused {
        AppError::Invalid { field, mut message } if !key.contains('_') && message.msg == Msg::SignInFailed => {
            message.msg = Msg::SignInFailedPrefix;
            AppError::Invalid { field, message }
        }
        other => other,
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
