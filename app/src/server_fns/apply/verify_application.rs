use leptos::prelude::*;

use crate::error::AppError;

/// 信箱驗證碼 and 手機驗證碼.
#[server(prefix = "/api/fn", endpoint = "verify_application")]
pub async fn verify_application(email_code: Option<String>, mobile_code: Option<String>) -> Result<(), AppError> {
    use crate::{auth::RequestInfo, flows::applications::apply, state::app_state};
    let state = app_state()?;
    let info = RequestInfo::current(&state.settings);
    apply::verify(&state, info, email_code.unwrap_or_default(), mobile_code.unwrap_or_default()).await
}
