use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{directory::OrgDetail, error::AppError};

/// One organization by OID or school code, with its parents, children and renames.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_org")]
pub async fn get_org(key: String) -> Result<OrgDetail, AppError> {
    use crate::{db::orgs, directory::OrgKey, state::app_state};

    let key = OrgKey::from_segment(&key);
    app_state()?.pool.run(move |conn| orgs::find_detail(conn, &key)).await
}
