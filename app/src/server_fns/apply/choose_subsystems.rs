use leptos::prelude::*;

use crate::error::AppError;

/// Step 4, 系統帳號權限申請: the subsystems (checkboxes `subsystems[i]`) and the kind of account.
#[server(prefix = "/api/fn", endpoint = "choose_subsystems")]
pub async fn choose_subsystems(kind: Option<String>, subsystems: Option<Vec<String>>) -> Result<(), AppError> {
    use crate::{accounts::ApplicationKind, flows::applications::apply, i18n::Msg, state::request};
    let kind = kind
        .as_deref()
        .and_then(ApplicationKind::parse)
        .ok_or_else(|| AppError::invalid("kind", Msg::ApplyKindRequired))?;
    let (state, info) = request()?;
    apply::choose(&state, info, kind, subsystems.unwrap_or_default()).await
}
