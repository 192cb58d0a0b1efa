use std::collections::HashMap;

use app::{
    db::orgs,
    directory::{OrgDetail, OrgKey, OrgKind, OrgRef, OrgSummary, SearchQuery, DEFAULT_LIMIT, MAX_LIMIT},
    i18n::Msg,
    state::AppState,
};
use axum::{
    extract::{Path, Query, State},
    http::HeaderMap,
    Json,
};
use serde::Serialize;

use super::ApiError;

#[derive(Serialize)]
pub struct ApiOrgRef {
    oid: Option<String>,
    school_code: Option<String>,
    name: String,
}

impl From<OrgRef> for ApiOrgRef {
    fn from(r: OrgRef) -> Self {
        let is_oid = r.key.contains('.');
        ApiOrgRef { oid: is_oid.then(|| r.key.clone()), school_code: (!is_oid).then_some(r.key), name: r.name }
    }
}

#[derive(Serialize)]
pub struct ApiOrg {
    oid: Option<String>,
    name: String,
    kind: OrgKind,
    school_code: Option<String>,
    county: Option<String>,
    parent_oid: Option<String>,
    /// From the top down to the direct parent.
    parents: Vec<ApiOrgRef>,
    /// Set when the organization was renamed to another OID.
    successor: Option<ApiOrgRef>,
}

impl From<OrgSummary> for ApiOrg {
    fn from(s: OrgSummary) -> Self {
        ApiOrg {
            oid: s.oid,
            name: s.name,
            kind: s.kind,
            school_code: s.school_code,
            county: s.county,
            parent_oid: s.parent_oid,
            parents: s.parents.into_iter().map(Into::into).collect(),
            successor: s.successor.map(Into::into),
        }
    }
}

#[derive(Serialize)]
pub struct ApiRename {
    old_oid: String,
    new_oid: String,
    old_name: String,
    new_name: String,
    change_date: Option<String>,
}

#[derive(Serialize)]
pub struct ApiOrgDetail {
    #[serde(flatten)]
    org: ApiOrg,
    agency_code: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    dn: Option<String>,
    website: Option<String>,
    children: Vec<ApiOrgRef>,
    renames: Vec<ApiRename>,
}

impl From<OrgDetail> for ApiOrgDetail {
    fn from(d: OrgDetail) -> Self {
        ApiOrgDetail {
            org: d.summary.into(),
            agency_code: d.agency_code,
            address: d.address,
            phone: d.phone,
            dn: d.dn,
            website: d.website,
            children: d.children.into_iter().map(Into::into).collect(),
            renames: d
                .renames
                .into_iter()
                .map(|r| ApiRename {
                    old_oid: r.old_oid,
                    new_oid: r.new_oid,
                    old_name: r.old_name,
                    new_name: r.new_name,
                    change_date: r.change_date,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct SearchResponse {
    query: String,
    results: Vec<ApiOrg>,
}

/// `GET /api/v1/orgs?q=…&limit=…`
pub async fn list_orgs(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<SearchResponse>, ApiError> {
    let raw = params.get("q").map(|q| q.trim()).filter(|q| !q.is_empty());
    let Some(raw) = raw else {
        return Err(ApiError::bad_parameter(&headers, "q", Msg::ApiMissingQuery));
    };
    let limit = match params.get("limit") {
        None => DEFAULT_LIMIT,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => return Err(ApiError::bad_parameter(&headers, "limit", Msg::ApiBadLimit)),
        },
    };
    let query = SearchQuery::checked(raw).map_err(|e| ApiError::new(&headers, e))?;
    let text = query.text.clone();
    let index = state.directory.clone();
    let results = state
        .pool
        .run(move |conn| Ok(orgs::search(conn, &index, &query, limit)?))
        .await
        .map_err(|e| ApiError::new(&headers, e))?;
    Ok(Json(SearchResponse { query: text, results: results.into_iter().map(Into::into).collect() }))
}

/// `GET /api/v1/orgs/{oid}`; a school without an OID by its school code.
pub async fn get_org(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(key): Path<String>,
) -> Result<Json<ApiOrgDetail>, ApiError> {
    let key = OrgKey::from_segment(&key);
    let detail =
        state.pool.run(move |conn| orgs::find_detail(conn, &key)).await.map_err(|e| ApiError::new(&headers, e))?;
    Ok(Json(detail.into()))
}
