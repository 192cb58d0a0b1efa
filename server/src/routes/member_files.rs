//! `POST /members/import`: a main account's file of sub-accounts (批次新增子帳號), read and
//! every row checked; nothing is created until the page sends the rows back to
//! `create_members`. Errors are the `AppError` JSON with its status, as server functions
//! answer.

use app::{auth::RequestInfo, error::AppError, flows::members, state::AppState};
use axum::{
    body::Bytes,
    extract::State,
    response::{IntoResponse, Response},
    Json,
};

use crate::{inventory_files, member_files};

pub async fn import_file(State(state): State<AppState>, info: RequestInfo, body: Bytes) -> Result<Response, AppError> {
    // Who may is asked before the file is read (and again by the check).
    let (current, _) =
        app::flows::authorize(&state, &info, |u| app::permissions::Action::ManageMembers(u.org_id)).await?;
    // Read within the budget the inventory's files share, as they are.
    let read =
        inventory_files::read_within_budget(&current.session.id_hash, body, &member_files::SHAPE, member_files::parse);
    let (rows, _reading) = read.await?;
    let file = members::create::check_file(&state, info, rows?).await?;
    Ok(Json(file).into_response())
}
