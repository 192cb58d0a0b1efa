use leptos::prelude::*;

use crate::{accounts::OrgAdmins, error::AppError};

/// 機關各系統管理者列表: who administers the organization `org_code` (an OID or school code),
/// office contact masked. Anyone may ask, with a CAPTCHA.
#[server(prefix = "/api/fn", endpoint = "look_up_admins")]
pub async fn look_up_admins(org_code: String, captcha: String) -> Result<OrgAdmins, AppError> {
    use crate::{flows::organizations::admins, state::request};
    let (state, info) = request()?;
    admins::lookup(&state, info, org_code, captcha).await
}
