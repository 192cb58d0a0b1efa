use leptos::prelude::*;

use crate::{accounts::ContactChoice, error::AppError};

/// 請選擇姓名: the organization's registered contacts who may still apply, names masked.
#[server(prefix = "/api/fn", endpoint = "registered_contacts")]
pub async fn registered_contacts(org_code: String) -> Result<Vec<ContactChoice>, AppError> {
    use crate::{flows::applications::apply, state::app_state};
    let state = app_state()?;
    apply::registered_contacts(&state, org_code).await
}
