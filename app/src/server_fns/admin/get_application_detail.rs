use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::ApplicationDetail, error::AppError};

/// 審查詳細資訊 of one application the viewer may review.
#[server(prefix = "/api/fn", endpoint = "get_application_detail", input = GetUrl)]
pub async fn get_application_detail(id: i64) -> Result<ApplicationDetail, AppError> {
    use crate::{auth::RequestInfo, flows::applications::review, state::app_state};
    let state = app_state()?;
    review::detail(&state, RequestInfo::current(&state.settings), id).await
}
