use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{directory::TreeLevel, error::AppError};

/// One level of the OID tree below `at` (the top when absent).
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "browse_tree")]
pub async fn browse_tree(at: Option<String>) -> Result<TreeLevel, AppError> {
    use crate::{db::orgs, state::app_state};

    app_state()?.pool.run(move |conn| orgs::tree_level(conn, at.as_deref())).await
}
