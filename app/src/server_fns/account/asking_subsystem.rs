use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::error::AppError;

/// The code and name of the subsystem `client` (a refusal's), or of the one whose sign-in
/// request waits for this browser; `None` when it is not a registered subsystem. Public: the
/// sign-in page asks it before anyone is signed in.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "asking_subsystem")]
pub async fn asking_subsystem(client: Option<String>) -> Result<Option<(String, String)>, AppError> {
    use crate::{flows::provider::asking, state::request};
    let (state, info) = request()?;
    asking::asking(&state, &info, client).await
}
