//! Step one: username, password and CAPTCHA; and what completes a sign-in, whichever step
//! does it (the authenticator code, or binding the first authenticator).

use super::attempt::Attempt;
use crate::{
    accounts::{check_username, username_key, AuditEvent, AuditMethod, AuditOutcome, SessionStage, SignInNext},
    auth::{captcha, RequestInfo},
    db::{
        factors, failures,
        users::{self, User},
    },
    error::AppError,
    flows::{
        session,
        work::{Services, Work},
    },
    i18n::Msg,
};

pub async fn sign_in(
    services: &Services,
    info: RequestInfo,
    username: String,
    password: String,
    captcha_answer: String,
) -> Result<SignInNext, AppError> {
    check_username(&username)?;
    if password.is_empty() {
        return Err(AppError::invalid("password", Msg::PasswordRequired));
    }
    captcha::verify(&services.pool, &services.settings, &captcha_answer).await?;
    let key = username_key(&username);
    // A place in the hashing queue first: a client that is refused one has not made an attempt.
    let slot = services.hasher.admit(&info.ip)?;

    // Counted before the hash is checked, so that a burst cannot have more checked than the
    // lock allows (see `attempt`).
    let counting = key.clone();
    let (user, usable, count) = services
        .write(&info, move |work| {
            let user = users::find_by_key(work.conn, &counting)?;
            // An account of a disabled organization is answered as a wrong password.
            let usable = match &user {
                Some(u) if u.uses_password() && users::may_sign_in(work.conn, u)? => Some(u.clone()),
                _ => None,
            };
            let count = password_attempt(&counting, user.as_ref()).begin(work)?;
            Ok((user, usable, count))
        })
        .await?;

    let matches = slot.verify(usable.as_ref().and_then(|u| u.password_hash.clone()), password).await?;
    drop(slot);
    services
        .write(&info, move |work| {
            let attempt = password_attempt(&key, user.as_ref());
            let user = match (matches, usable) {
                (true, Some(user)) => user,
                _ => return attempt.failed(work, count, None).map_err(|stop| stop.map(|e| prefix_hint(&key, e))),
            };
            attempt.passed(work, count)?;
            session::start(work, user.id, SessionStage::Password)?;
            work.audit(AuditEvent::SignIn, AuditOutcome::Success)
                .subject(&user)
                .method(AuditMethod::Password)
                .write()?;
            let bound = !factors::for_user(work.conn, user.id)?.is_empty();
            Ok(if bound { SignInNext::EnterCode } else { SignInNext::BindFactor })
        })
        .await
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

fn password_attempt<'a>(key: &'a str, user: Option<&'a users::User>) -> Attempt<'a> {
    Attempt { key, user, event: AuditEvent::SignIn, method: AuditMethod::Password }
}

/// The second factor has been proved (a code, or the first binding): the failures are
/// cleared, the session becomes full under a new id, and the sign-in is recorded. Where to go
/// next: home, or the password change when the password has expired.
pub(crate) fn complete(
    work: &mut Work,
    current: &session::Current,
    proved: crate::provider::SecondFactor,
) -> Result<SignInNext, AppError> {
    session::verified(work, current, proved)?;
    signed_in(work, &current.user)
}

/// What every finished sign-in records (however its session became full), and where it goes.
pub(crate) fn signed_in(work: &mut Work, user: &User) -> Result<SignInNext, AppError> {
    failures::clear(work.conn, &user.username_key)?;
    users::record_sign_in(work.conn, user.id)?;
    let terms_pending = crate::db::terms::pending_for(work.conn, user.id)?.is_some();
    Ok(match session::obligation(work.settings, user, terms_pending) {
        Some(first) => first,
        // A subsystem sent this browser here: back to its authorization.
        None if work.info.resume.is_some() => SignInNext::Resume,
        None => SignInNext::Home,
    })
}
