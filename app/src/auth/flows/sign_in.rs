//! Step one: username, password and CAPTCHA.

use crate::{
    accounts::{check_username, username_key, AuditEvent, AuditOutcome, SignInNext},
    auth::{captcha, lockout, session, RequestInfo},
    db::{factors, failures, now, users, write_transaction},
    error::AppError,
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
    captcha::verify(state, &captcha_answer).await?;
    let key = username_key(&username);
    let settings = state.auth.clone();

    let (locked, user) = state
        .pool
        .run({
            let (key, settings) = (key.clone(), settings.clone());
            move |conn| Ok((lockout::locked(conn, &key, now(), &settings)?, users::find_by_key(conn, &key)?))
        })
        .await?;
    if let Some(count) = locked {
        // Refused without looking at the password: a locked account refuses even the right one.
        let error = lockout::failure(count, &settings);
        state
            .pool
            .run(move |conn| {
                super::audit(conn, &info, AuditEvent::SignIn, AuditOutcome::Refused, user.as_ref(), &key, |r| {
                    r.method = Some("password")
                })
            })
            .await?;
        return Err(error);
    }

    let usable = user.clone().filter(|u| u.is_active() && u.password_sign_in);
    let matches = state.hasher.verify(usable.as_ref().and_then(|u| u.password_hash.clone()), password).await?;
    state
        .pool
        .run(move |conn| {
            write_transaction(conn, |conn| match (matches, usable) {
                (true, Some(user)) => {
                    // Parallel failures may have locked the account while the hash was being
                    // checked: the lock wins, or a right guess racing wrong ones would lift it.
                    if let Some(count) = lockout::locked(conn, &key, now(), &settings)? {
                        return Ok(Err(lockout::failure(count, &settings)));
                    }
                    failures::clear(conn, &key)?;
                    session::start(conn, &settings, &info, user.id, session::STAGE_PASSWORD)?;
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
                }
                _ => {
                    let error = super::failed_attempt(
                        conn,
                        &info,
                        &settings,
                        &key,
                        user.as_ref(),
                        &key,
                        AuditEvent::SignIn,
                        "password",
                        None,
                    )?;
                    Ok(Err(error))
                }
            })
        })
        .await?
}
