//! An organization admin's application and its paper form (SPEC §2): `GET /apply/form.xlsx`
//! writes the browser's own application into the 機關管理者帳號申請(異動)單, `POST /apply/scan`
//! keeps the stamped scan on it, and `GET /admin/applications/{id}/scan` hands that scan to
//! whoever may review the application.

use app::{auth::RequestInfo, flows::applications::form, state::AppState};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::{IntoResponse, Response},
};

use super::respond::{attachment, failure, XLSX};

pub async fn form_xlsx(State(state): State<AppState>, parts: Parts) -> Response {
    let info = RequestInfo::from_parts(&parts, &state.settings);
    let row = match form::form_row(&state, info).await {
        Ok(row) => row,
        Err(e) => return failure(e),
    };
    let date = app::time::taipei_date(app::db::now());
    match crate::application_form::xlsx(&row, &date) {
        Ok(bytes) => {
            attachment(XLSX, "application-form.xlsx", &format!("機關管理者帳號申請單-{}.xlsx", row.username), bytes)
        }
        Err(_) => failure(app::error::AppError::Internal),
    }
}

pub async fn upload_scan(State(state): State<AppState>, parts: Parts, body: Bytes) -> Response {
    let info = RequestInfo::from_parts(&parts, &state.settings);
    match form::upload_scan(&state, info, body.to_vec()).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => failure(e),
    }
}

pub async fn review_scan(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let info = RequestInfo::from_parts(&parts, &state.settings);
    match form::review_scan(&state, info, id).await {
        Ok((content_type, bytes)) => {
            let extension = match content_type.as_str() {
                "application/pdf" => "pdf",
                "image/png" => "png",
                _ => "jpg",
            };
            let name = format!("application-{id}.{extension}");
            attachment(&content_type, &name, &name, bytes)
        }
        Err(e) => failure(e),
    }
}
