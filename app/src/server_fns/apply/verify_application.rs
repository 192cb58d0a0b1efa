use leptos::prelude::*;

use crate::error::AppError;

/// 信箱驗證碼 and 手機驗證碼.
#[server(prefix = "/api/fn", endpoint = "verify_application")]
pub async fn verify_application(email_code: Option<String>, mobile_code: Option<String>) -> Result<(), AppError> {
    use crate::{flows::applications::apply, state::request};
    let (state, info) = request()?;
    let info = info;
    apply::verify(&state, info, email_code.unwrap_or_default(), mobile_code.unwrap_or_default()).await
}
