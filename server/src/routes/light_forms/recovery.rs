//! 忘記密碼 (both steps), 忘記帳號 and 補寄驗證信 as plain forms, for their light pages. Each
//! answers the same whether or not the details matched an account; what differs is said by
//! mail only.

use app::{error::AppError, flows::accounts as flows, light::Posted, url::query_string};
use axum::response::Response;
use serde::Deserialize;

use super::Post;

/// What claims an account without a sign-in (`app::components::ClaimFields`).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ClaimForm {
    name: String,
    username: String,
    email: String,
    captcha: String,
}

impl ClaimForm {
    /// The page again with what was typed, but the CAPTCHA's spent answer.
    fn posted(&self) -> impl FnOnce(AppError) -> Posted {
        let (name, username, email) = (self.name.clone(), self.username.clone(), self.email.clone());
        move |e| Posted::new("claim", e).value("name", name).value("username", username).value("email", email)
    }
}

/// `POST /forgot-password`: a code by mail, then the step that takes it.
pub async fn forgot_password(Post { form, info, reply }: Post<ClaimForm>) -> Response {
    let (posted, next) = (form.posted(), query_string(&[("u", &form.username), ("sent", "1")]));
    let result =
        flows::recovery::request_reset(reply.state(), info, form.name, form.username, form.email, form.captcha).await;
    reply.answer("/forgot-password", result.map(|()| format!("/forgot-password/reset?{next}")), posted).await
}

/// `POST /resend-link`: a new set-password link by mail.
pub async fn resend_link(Post { form, info, reply }: Post<ClaimForm>) -> Response {
    let posted = form.posted();
    let result =
        flows::recovery::resend_link(reply.state(), info, form.name, form.username, form.email, form.captcha).await;
    reply.answer("/resend-link", result.map(|()| "/resend-link?sent=1".into()), posted).await
}

/// 忘記帳號's form: an address and the CAPTCHA.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct RemindForm {
    email: String,
    captcha: String,
}

/// `POST /forgot-account`: the address's usernames by mail.
pub async fn forgot_account(Post { form, info, reply }: Post<RemindForm>) -> Response {
    let email = form.email.clone();
    let result = flows::recovery::remind_username(reply.state(), info, form.email, form.captcha).await;
    let result = result.map(|()| "/forgot-account?sent=1".into());
    reply.answer("/forgot-account", result, |e| Posted::new("remind", e).value("email", email)).await
}

/// 忘記密碼's second step: the mailed code and the new password, twice.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    username: String,
    code: String,
    password: String,
    confirm: String,
    captcha: String,
}

/// `POST /forgot-password/reset`: the new password, if the code is right.
pub async fn reset_password(Post { form, info, reply }: Post<ResetForm>) -> Response {
    let (username, code) = (form.username.clone(), form.code.clone());
    let posted = |e| Posted::new("reset", e).value("username", username).value("code", code);
    let ResetForm { username, code, password, confirm, captcha } = form;
    let result =
        flows::password::reset_with_code(reply.state(), info, username, code, password, confirm, captcha).await;
    reply.answer("/forgot-password/reset", result.map(|()| "/forgot-password/reset?done=1".into()), posted).await
}
