use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::ApplicationSummary, error::AppError};

/// 待審核列表: the pending applications of `kind` (`user` or `org_admin`) the viewer reviews.
#[server(prefix = "/api/fn", endpoint = "list_applications", input = GetUrl)]
pub async fn list_applications(kind: String) -> Result<Vec<ApplicationSummary>, AppError> {
    use crate::{accounts::ApplicationKind, auth::RequestInfo, flows::applications::review, state::app_state};
    let kind = ApplicationKind::parse(&kind).ok_or(AppError::BadRequest)?;
    let state = app_state()?;
    review::queue(&state, RequestInfo::current(&state.auth), kind).await
}
