//! `POST /members/import`: a main account's file of sub-accounts (批次新增子帳號), read and
//! every row checked; nothing is created until the page sends the rows back to
//! `create_members`. Errors are the `AppError` JSON with its status, as server functions
//! answer.

use app::{auth::RequestInfo, flows::members, state::AppState};
use axum::{
    body::Bytes,
    extract::State,
    http::request::Parts,
    response::{IntoResponse, Response},
    Json,
};

use super::respond::failure;
use crate::{inventory_files, member_files};

pub async fn import_file(State(state): State<AppState>, parts: Parts, body: Bytes) -> Response {
    let info = RequestInfo::from_parts(&parts, &state.settings);
    // Who may is asked before the file is read (and again by the check).
    let current =
        match app::flows::authorize(&state, &info, |u| app::permissions::Action::ManageMembers(u.org_id)).await {
            Ok((current, _)) => current,
            Err(e) => return failure(e),
        };
    // Read within the budget the inventory's files share, as they are.
    let read =
        inventory_files::read_within_budget(&current.session.id_hash, body, &member_files::SHAPE, member_files::parse);
    let (rows, _reading) = match read.await {
        Ok(read) => read,
        Err(e) => return failure(e),
    };
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => return failure(e),
    };
    match members::create::check_file(&state, info, rows).await {
        Ok(file) => Json(file).into_response(),
        Err(e) => failure(e),
    }
}
