//! `POST /admin/directory/import[?dry_run=true]`: the central authority's directory import
//! from the admin page: the same import as `gatehouse import` (the format told by the header,
//! an idempotent upsert in one transaction), answered with its report in the reader's
//! language. Checked only (`dry_run`), nothing is written. Audited either way.

use app::{
    accounts::AuditEvent,
    auth::RequestInfo,
    directory::DirectoryImport,
    error::AppError,
    flows::{audit::record, authorize},
    permissions::Action,
    state::AppState,
};
use axum::{
    body::Bytes,
    extract::{Query, State},
    Json,
};
use serde::Deserialize;

use crate::import::{self, ImportError};

#[derive(Deserialize)]
pub struct Options {
    #[serde(default)]
    dry_run: bool,
}

pub async fn import_file(
    State(state): State<AppState>,
    Query(options): Query<Options>,
    info: RequestInfo,
    body: Bytes,
) -> Result<Json<DirectoryImport>, AppError> {
    let (central, _) = authorize(&state, &info, |_| Action::ManageOrganizations).await?;
    let size = body.len();
    let outcome = import::import_bytes(&state.pool, &body, options.dry_run).await;
    // Refused files are on record too: someone tried.
    let detail = match &outcome {
        Ok(report) => format!("{size} bytes: {}", report.to_string().lines().next().unwrap_or_default()),
        Err(e) => format!("{size} bytes, refused: {e}"),
    };
    record(&state, &info, &central.user, AuditEvent::DirectoryImported, None, detail).await?;
    match outcome {
        Ok(report) => Ok(Json(report.to_page())),
        Err(ImportError::Parse(e)) => Err(AppError::invalid("file", e.text())),
        Err(ImportError::Database(e)) => Err(e),
    }
}
