//! `POST /members/import`: a main account's file of sub-accounts (批次新增子帳號), read and
//! every row checked; nothing is created until the page sends the rows back to
//! `create_members`. Errors are the `AppError` JSON with its status, as server functions
//! answer.

use app::{auth::RequestInfo, error::AppError, flows::members, state::AppState};
use axum::{
    body::Bytes,
    extract::State,
    http::request::Parts,
    response::{IntoResponse, Response},
    Json,
};

use super::respond::failure;
use crate::member_files;

pub async fn import_file(State(state): State<AppState>, parts: Parts, body: Bytes) -> Response {
    let info = RequestInfo::from_parts(&parts, &state.auth);
    // Who may is asked before the file is read (and again by the check).
    if let Err(e) = app::flows::authorize(&state, &info, |u| app::permissions::Action::ManageMembers(u.org_id)).await {
        return failure(e);
    }
    let rows = match tokio::task::spawn_blocking(move || member_files::parse(&body))
        .await
        .unwrap_or(Err(AppError::Internal))
    {
        Ok(rows) => rows,
        Err(e) => return failure(e),
    };
    match members::create::check_file(&state, info, rows).await {
        Ok(file) => Json(file).into_response(),
        Err(e) => failure(e),
    }
}
