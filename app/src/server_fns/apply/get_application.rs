use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::ApplicationView, error::AppError};

/// The browser's application as its page shows it (an empty one when there is none).
#[server(prefix = "/api/fn", endpoint = "get_application", input = GetUrl)]
pub async fn get_application() -> Result<ApplicationView, AppError> {
    use crate::{flows::applications::apply, state::request};
    let (state, info) = request()?;
    apply::get(&state, info).await
}
