use leptos::prelude::*;

use crate::{accounts::OrgAdmins, error::AppError};

/// 機關各系統管理者列表: who administers the organization `org_code` (an OID or school code),
/// office contact masked. Anyone may ask, with a CAPTCHA.
#[server(prefix = "/api/fn", endpoint = "look_up_admins")]
pub async fn look_up_admins(org_code: String, captcha: String) -> Result<OrgAdmins, AppError> {
    use crate::{auth::RequestInfo, flows::organizations::admins, state::app_state};
    let state = app_state()?;
    admins::lookup(&state, RequestInfo::current(&state.settings), org_code, captcha).await
}
