//! An organization admin's application and its paper form (SPEC §2): `GET /apply/form.xlsx`
//! writes the browser's own application into the 機關管理者帳號申請(異動)單, `POST /apply/scan`
//! keeps the stamped scan on it, and `GET /admin/applications/{id}/scan` hands that scan to
//! whoever may review the application.

use app::{auth::RequestInfo, error::AppError, flows::applications::form, state::AppState};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};

use super::respond::{attachment, XLSX};

pub async fn form_xlsx(State(state): State<AppState>, info: RequestInfo) -> Result<Response, AppError> {
    let row = form::form_row(&state, info).await?;
    let date = app::time::taipei_date(app::db::now());
    let bytes = crate::application_form::xlsx(&row, &date).map_err(|_| AppError::Internal)?;
    Ok(attachment(XLSX, "application-form.xlsx", &format!("機關管理者帳號申請單-{}.xlsx", row.username), bytes))
}

pub async fn upload_scan(
    State(state): State<AppState>,
    info: RequestInfo,
    body: Bytes,
) -> Result<StatusCode, AppError> {
    form::upload_scan(&state, info, body.to_vec()).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn review_scan(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    info: RequestInfo,
) -> Result<Response, AppError> {
    let (content_type, bytes) = form::review_scan(&state, info, id).await?;
    let extension = match content_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    let name = format!("application-{id}.{extension}");
    Ok(attachment(&content_type, &name, &name, bytes))
}
