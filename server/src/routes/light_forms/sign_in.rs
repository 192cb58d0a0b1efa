//! The sign-in's light pages: `/sign-in`, its code step `/sign-in/verify`, and the lost
//! phone's `/sign-in/reset-binding`.

use app::{accounts::SignInNext, error::AppError, flows::accounts as flows, light::Posted};
use axum::response::Response;
use serde::Deserialize;

use super::{Post, Reply};

/// The sign-in page's two forms: `form` says which (`passkey`, else the password's).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    form: String,
    username: String,
    password: String,
    captcha: String,
    token: String,
    credential: String,
}

/// `POST /sign-in`: username, password and the CAPTCHA's answer; or a passkey's answer to the
/// ceremony the page's script ran. Both post to the page's own address, so that the page
/// that answers a refusal is at the address it shows.
pub async fn sign_in(Post { form, info, reply }: Post<SignInForm>) -> Response {
    if form.form == "passkey" {
        let result = flows::factors::passkey::sign_in(reply.state(), info, form.token, form.credential).await;
        return go_on(reply, "/sign-in", result, |e| Posted::new("passkey", e)).await;
    }
    let username = form.username.clone();
    let result = flows::sign_in::sign_in(reply.state(), info, form.username, form.password, form.captcha).await;
    go_on(reply, "/sign-in", result, |e| Posted::new("password", e).value("username", username)).await
}

/// The code step's two forms: `form` says which (`key`, else the code's).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    form: String,
    code: String,
    credential: String,
}

/// `POST /sign-in/verify`: the authenticator's code, or a bound key's answer to the challenge
/// the page's script asked.
pub async fn verify(Post { form, info, reply }: Post<CodeForm>) -> Response {
    if form.form == "key" {
        let result = flows::factors::key_sign_in::sign_in(reply.state(), info, form.credential).await;
        return go_on(reply, "/sign-in/verify", result, |e| Posted::new("key", e)).await;
    }
    let code = form.code.clone();
    let result = flows::factors::totp_code::verify_code(reply.state(), info, form.code).await;
    go_on(reply, "/sign-in/verify", result, |e| Posted::new("code", e).value("code", code)).await
}

/// 重設登入綁定's two forms: `form` says which (`confirm`, else the request for a code).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ResetBindingForm {
    form: String,
    email: String,
    captcha: String,
    code: String,
}

/// `POST /sign-in/reset-binding`: the account's email and the CAPTCHA for an emergency code by
/// mail, answered with the page that names it; or that code, which deletes the bindings and
/// goes on to binding again.
pub async fn reset_binding(Post { form, info, reply }: Post<ResetBindingForm>) -> Response {
    let page = "/sign-in/reset-binding";
    if form.form == "confirm" {
        let code = form.code.clone();
        let result = flows::factors::emergency_reset::confirm(reply.state(), info, form.code).await;
        return go_on(reply, page, result, |e| Posted::new("confirm", e).value("code", code)).await;
    }
    let email = form.email.clone();
    let result = flows::factors::emergency_reset::request(reply.state(), info, form.email, form.captcha).await;
    let result = result.map(|sent| sent.address(app::db::now()));
    match result {
        Err(AppError::Unauthorized) => reply.redirect("/sign-in"),
        result => reply.answer(page, result, |e| Posted::new("request", e).value("email", email)).await,
    }
}

/// Where a sign-in step leads, or its `page` again with `posted`'s error.
async fn go_on(
    reply: Reply,
    page: &str,
    result: Result<SignInNext, AppError>,
    posted: impl FnOnce(AppError) -> Posted,
) -> Response {
    match result {
        // A lockout ended the half-finished sign-in: it starts again from the first step.
        Err(AppError::Unauthorized) => reply.redirect("/sign-in"),
        result => reply.answer(page, result.map(|next| next.path().to_string()), posted).await,
    }
}
