//! 機關各系統管理者列表 as a plain form, for its light page: the page that answers the post
//! shows who administers the organization.

use app::{flows::organizations::admins, light::Posted};
use axum::response::Response;
use serde::Deserialize;

use super::Post;

/// The lookup's form: the organization, as picked or typed, and the CAPTCHA's answer.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct LookupForm {
    org_code: String,
    org_name: String,
    captcha: String,
}

/// `POST /who-administers`: the organization's administrators, office contact masked.
pub async fn who_administers(Post { form, info, reply }: Post<LookupForm>) -> Response {
    let LookupForm { org_code, org_name, captcha } = form;
    let posted = {
        let code = org_code.clone();
        move |e| Posted::new("lookup", e).value("org_code", code).value("org_name", org_name)
    };
    let result = admins::lookup(reply.state(), info, org_code, captcha).await;
    reply.found("/who-administers", result, posted).await
}
