//! The inventory's files: `POST /inventory/import` reads a spreadsheet into checked rows (not
//! saved: the grid shows them first), `GET /inventory/export.xlsx|.csv` writes an
//! organization's sheet, and `GET /admin/inventory/export.xlsx` every submission of a period.
//! Errors are the `AppError` JSON with its status, as server functions answer.

use std::collections::HashMap;

use app::{
    accounts::AuditEvent,
    auth::RequestInfo,
    db::{assets, orgs, reporting, users},
    error::AppError,
    flows::{accounts::consent, audit::record, authorize},
    permissions::{Action, Subsystem},
    state::AppState,
};
use axum::{
    body::Bytes,
    extract::{Query, State},
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;

use super::respond::{attachment, XLSX};
use crate::inventory_files::{self, export, import};

#[derive(Deserialize)]
pub struct OrgParam {
    pub org_id: Option<i64>,
}

#[derive(Deserialize)]
pub struct PeriodParam {
    period_id: i64,
}

pub async fn import_file(
    State(state): State<AppState>,
    Query(param): Query<OrgParam>,
    info: RequestInfo,
    body: Bytes,
) -> Result<Response, AppError> {
    Ok(Json(read_import(&state, &info, param.org_id, body).await?).into_response())
}

/// `body`, a file for the sheet of `org_id` (the reader's own unless named), read into checked
/// rows within the budget of files being read, and on record whether or not it could be read.
pub async fn read_import(
    state: &AppState,
    info: &RequestInfo,
    org_id: Option<i64>,
    body: Bytes,
) -> Result<app::inventory::Imported, AppError> {
    let (current, _) = authorize(state, info, |u| Action::EditInventory(org_id.unwrap_or(u.org_id))).await?;
    let size = body.len();
    // The file's share of what files being read may hold is kept until the answer is made.
    let (parsed, _reading) =
        inventory_files::read_within_budget(&current.session.id_hash, body, &import::INVENTORY, import::parse).await?;
    // Refused files are on record too: someone tried.
    let detail = match &parsed {
        Ok(parsed) => format!("{size} bytes, {} rows", parsed.len()),
        Err(e) => format!("{size} bytes, refused: {}", e.message().render(app::i18n::Locale::En)),
    };
    let org = org_id.unwrap_or(current.user.org_id);
    record(state, info, &current.user, AuditEvent::InventoryImported, Some(org), detail).await?;
    let parsed = parsed?;
    // Only the names the file leaves empty are looked up.
    let oids = parsed.oids_to_name();
    let names = if oids.is_empty() {
        HashMap::new()
    } else {
        state.read(move |conn| Ok(orgs::find_refs(conn, &oids)?)).await?
    };
    // Written out here, while the file's share is still held.
    Ok(parsed.finish(|oid| names.get(oid.as_str()).map(|r| r.name.clone())))
}

/// An organization's rows for an export as `format`, and its name; the export is audited.
async fn org_sheet(
    state: &AppState,
    info: &RequestInfo,
    org_id: Option<i64>,
    format: &str,
) -> Result<(String, Vec<app::inventory::Cells>), AppError> {
    let (current, _) = authorize(state, info, |u| Action::ReadInventory(org_id.unwrap_or(u.org_id))).await?;
    let org_id = org_id.unwrap_or(current.user.org_id);
    let user = current.user.clone();
    let (name, rows): (String, Vec<app::inventory::Cells>) = state
        .read(move |conn| {
            consent::require(conn, &user, org_id, Subsystem::ASSETS)?;
            let rows = assets::load(conn, org_id)?.into_iter().map(|r| r.cells).collect();
            Ok((users::org_name(conn, org_id)?, rows))
        })
        .await?;
    let detail = format!("{format}, {} rows", rows.len());
    record(state, info, &current.user, AuditEvent::InventoryExported, Some(org_id), detail).await?;
    Ok((name, rows))
}

pub async fn export_xlsx(
    State(state): State<AppState>,
    Query(param): Query<OrgParam>,
    info: RequestInfo,
) -> Result<Response, AppError> {
    export_org(&state, &info, param.org_id, true).await
}

pub async fn export_csv(
    State(state): State<AppState>,
    Query(param): Query<OrgParam>,
    info: RequestInfo,
) -> Result<Response, AppError> {
    export_org(&state, &info, param.org_id, false).await
}

/// An organization's sheet as the template (`xlsx`) or as CSV.
async fn export_org(
    state: &AppState,
    info: &RequestInfo,
    org_id: Option<i64>,
    xlsx: bool,
) -> Result<Response, AppError> {
    let (name, rows) = org_sheet(state, info, org_id, if xlsx { "xlsx" } else { "csv" }).await?;
    let table = export::Table { prefix_headers: &[], rows: rows.iter().map(|c| (vec![], c)).collect() };
    let (content_type, extension, bytes) = if xlsx {
        export::xlsx(&table).map(|b| (XLSX, "xlsx", b)).map_err(|_| AppError::Internal)?
    } else {
        export::csv(&table).map(|b| ("text/csv; charset=utf-8", "csv", b)).map_err(|_| AppError::Internal)?
    };
    Ok(attachment(content_type, "inventory", &format!("{name}-資通系統資產清冊.{extension}"), bytes))
}

/// Every standing submission of a period in one sheet, each row led by its organization.
pub async fn export_period(
    State(state): State<AppState>,
    Query(param): Query<PeriodParam>,
    info: RequestInfo,
) -> Result<Response, AppError> {
    let (current, _) = authorize(&state, &info, |_| Action::ManageReporting).await?;
    let period_id = param.period_id;
    let (period, snapshots) = state
        .read(move |conn| {
            let period = reporting::find_period(conn, period_id)?.ok_or(AppError::NotFound)?;
            Ok((period, reporting::snapshots(conn, period_id)?))
        })
        .await?;
    // Everything every organization reported: who took it, and when, is on record.
    let detail = format!("period {period_id}, {} organizations", snapshots.len());
    record(&state, &info, &current.user, AuditEvent::SubmissionsExported, None, detail).await?;
    let bytes = tokio::task::spawn_blocking(move || {
        let rows = snapshots
            .iter()
            .flat_map(|(oid, name, rows)| {
                rows.iter().map(move |cells| (vec![oid.clone().unwrap_or_default(), name.clone()], cells))
            })
            .collect();
        export::xlsx(&export::Table { prefix_headers: &["機關OID", "機關名稱"], rows })
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|_| AppError::Internal)?;
    Ok(attachment(XLSX, "inventory", &format!("{}-全部機關資通系統資產清冊.xlsx", period.title), bytes))
}
