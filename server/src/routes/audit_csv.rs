//! `/admin/audit.csv`, `/members/log.csv` and `/admin/terms/agreements.csv`: the central
//! authority's audit search, a main account's 收件紀錄, and who agreed to which version of the
//! terms of use when, as spreadsheet-safe CSV files.

use app::{
    accounts::ActivityEntry,
    auth::RequestInfo,
    error::AppError,
    flows::accounts::{
        admin::{search_audit, AuditRead, AuditScope},
        terms,
    },
    state::AppState,
    time::{taipei_datetime, utc_datetime},
};
use axum::{
    extract::{Query, State},
    http::{header, request::Parts},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::api_v1::ApiError;
use crate::csv_safe::spreadsheet_csv;

#[derive(Deserialize)]
pub struct Filter {
    #[serde(default)]
    username: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// Rows beyond this need a narrower date range.
const MAX_ROWS: i64 = 100_000;

pub async fn export(State(state): State<AppState>, Query(filter): Query<Filter>, parts: Parts) -> Response {
    export_scope(&state, filter, &parts, (AuditScope::All, "audit.csv")).await
}

pub async fn export_member_log(State(state): State<AppState>, Query(filter): Query<Filter>, parts: Parts) -> Response {
    export_scope(&state, filter, &parts, (AuditScope::MemberLog, "member-log.csv")).await
}

async fn export_scope(state: &AppState, filter: Filter, parts: &Parts, (scope, name): (AuditScope, &str)) -> Response {
    let info = RequestInfo::from_parts(parts, &state.settings);
    let read = (scope, AuditRead::Export);
    let found = search_audit(state, info, [filter.username, filter.from, filter.to], MAX_ROWS, read).await;
    answer(parts, name, found.map(|entries| to_csv(&entries)))
}

/// `GET /admin/terms/agreements.csv`: every agreement to the terms of use, oldest first.
pub async fn export_terms(State(state): State<AppState>, parts: Parts) -> Response {
    let info = RequestInfo::from_parts(&parts, &state.settings);
    let found = terms::agreements(&state, info).await;
    let headers = ["username", "name", "organization", "oid", "version", "agreed_utc", "agreed_taiwan", "ip"];
    let csv = |rows: Vec<app::db::terms::AgreementRow>| {
        spreadsheet_csv(
            &headers,
            rows.into_iter().map(|(username, name, org, oid, version, at, ip)| {
                [
                    username,
                    name,
                    org,
                    oid.unwrap_or_default(),
                    version.to_string(),
                    utc_datetime(at),
                    taipei_datetime(at),
                    ip,
                ]
            }),
        )
    };
    answer(&parts, "terms-agreements.csv", found.map(csv))
}

/// The file, or the refusal as the API's JSON error.
fn answer(parts: &Parts, name: &str, found: Result<Result<Vec<u8>, csv::Error>, AppError>) -> Response {
    match found {
        Ok(Ok(body)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            body,
        )
            .into_response(),
        Ok(Err(_)) => ApiError::new(&parts.headers, AppError::Internal).into_response(),
        Err(e) => ApiError::new(&parts.headers, e).into_response(),
    }
}

fn to_csv(entries: &[ActivityEntry]) -> Result<Vec<u8>, csv::Error> {
    let headers = ["time_utc", "time_taiwan", "event", "outcome", "method", "username", "ip", "user_agent", "detail"];
    spreadsheet_csv(
        &headers,
        entries.iter().map(|e| {
            [
                utc_datetime(e.at),
                taipei_datetime(e.at),
                e.event.as_str().to_string(),
                e.outcome.as_str().to_string(),
                e.method.clone().unwrap_or_default(),
                e.username.clone().unwrap_or_default(),
                e.ip.clone(),
                e.user_agent.clone(),
                e.detail.clone(),
            ]
        }),
    )
}
