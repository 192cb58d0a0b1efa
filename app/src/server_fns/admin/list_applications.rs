use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{
    accounts::{ApplicationKind, ApplicationSummary, Paged},
    error::AppError,
};

/// 待審核列表: a page of the pending applications of `kind` (`user` or `org_admin`) the viewer
/// reviews, narrowed by `q` (name, username, organization); without a kind, those the viewer
/// reviews first (the central authority: organization admins').
#[server(prefix = "/api/fn", endpoint = "list_applications", input = GetUrl)]
pub async fn list_applications(
    kind: Option<ApplicationKind>,
    q: Option<String>,
    page: Option<i64>,
) -> Result<Paged<ApplicationSummary>, AppError> {
    use crate::{flows::applications::review, state::request};
    let (state, info) = request()?;
    review::queue(&state, info, kind, q.unwrap_or_default(), page).await
}
