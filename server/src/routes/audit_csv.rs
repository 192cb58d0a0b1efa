//! `/admin/audit.csv` and `/members/log.csv`: the central authority's audit search, and a main
//! account's 收件紀錄, as spreadsheet-safe CSV files.

use app::{
    accounts::ActivityEntry,
    auth::RequestInfo,
    error::AppError,
    flows::accounts::admin::{search_audit, AuditRead, AuditScope},
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
    match search_audit(state, info, [filter.username, filter.from, filter.to], MAX_ROWS, read).await {
        Ok(entries) => match to_csv(&entries) {
            Ok(body) => (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                body,
            )
                .into_response(),
            Err(_) => ApiError::new(&parts.headers, AppError::Internal).into_response(),
        },
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
