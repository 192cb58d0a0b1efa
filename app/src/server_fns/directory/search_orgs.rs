use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{directory::OrgSummary, error::AppError};

/// Organizations matching a search box input. A GET, so results can be cached and linked.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "search_orgs")]
pub async fn search_orgs(q: String, limit: Option<usize>) -> Result<Vec<OrgSummary>, AppError> {
    use crate::{db::orgs, directory::SearchQuery, state::app_state};

    let query = SearchQuery::checked(&q)?;
    let limit = limit.unwrap_or(crate::directory::DEFAULT_LIMIT);
    let state = app_state()?;
    let index = state.directory.clone();
    state.pool.run(move |conn| Ok(orgs::search(conn, &index, &query, limit)?)).await
}
