use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::ApplicationDetail, error::AppError};

/// 審查詳細資訊 of one application the viewer may review.
#[server(prefix = "/api/fn", endpoint = "get_application_detail", input = GetUrl)]
pub async fn get_application_detail(id: i64) -> Result<ApplicationDetail, AppError> {
    use crate::{flows::applications::review, state::request};
    let (state, info) = request()?;
    review::detail(&state, info, id).await
}
