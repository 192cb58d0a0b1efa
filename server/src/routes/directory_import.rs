//! `POST /admin/directory/import[?dry_run=true]`: the central authority's directory import
//! from the admin page: the same import as `gatehouse import` (the format told by the header,
//! an idempotent upsert in one transaction), answered with its report in the reader's
//! language. Checked only (`dry_run`), nothing is written. Audited either way.

use app::{
    accounts::AuditEvent,
    auth::RequestInfo,
    error::AppError,
    flows::{audit::record, authorize},
    permissions::Action,
    state::AppState,
};
use axum::{
    body::Bytes,
    extract::{Query, State},
    http::request::Parts,
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;

use super::respond::failure;
use crate::import::{self, ImportError};

#[derive(Deserialize)]
pub struct Options {
    #[serde(default)]
    dry_run: bool,
}

pub async fn import_file(
    State(state): State<AppState>,
    Query(options): Query<Options>,
    parts: Parts,
    body: Bytes,
) -> Response {
    let info = RequestInfo::from_parts(&parts, &state.settings);
    let (central, _) = match authorize(&state, &info, |_| Action::ManageOrganizations).await {
        Ok(allowed) => allowed,
        Err(e) => return failure(e),
    };
    let size = body.len();
    let outcome = import::import_bytes(&state.pool, &body, options.dry_run).await;
    // Refused files are on record too: someone tried.
    let detail = match &outcome {
        Ok(report) => format!("{size} bytes: {}", report.to_string().lines().next().unwrap_or_default()),
        Err(e) => format!("{size} bytes, refused: {e}"),
    };
    if let Err(e) = record(&state, &info, &central.user, AuditEvent::DirectoryImported, None, detail).await {
        return failure(e);
    }
    match outcome {
        Ok(report) => Json(report.to_page()).into_response(),
        Err(ImportError::Parse(e)) => failure(AppError::invalid("file", e.text())),
        Err(ImportError::Database(e)) => failure(e),
    }
}
