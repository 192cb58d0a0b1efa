//! The asset inventory where its grid cannot run (a browser without WebAssembly): a file
//! replaces the whole sheet by a plain form (`app::components::InventoryWithoutGrid`), and the
//! page says what came of it. The grid's own import only fills the grid, to be looked at and
//! saved; here there is nothing to look at first, so the file is saved at once, or not at all.

use app::{
    error::AppError,
    flows::inventory::sheet,
    i18n::{LocalText, Msg},
    inventory::FileProblems,
    light::{Answered, Posted},
    state::AppState,
};
use axum::{
    body::Bytes,
    extract::{FromRequest, Multipart, Query, Request, State},
    response::Response,
};
use leptos::prelude::provide_context;

use super::Reply;
use crate::routes::{inventory_files::OrgParam, oidc::request_info};

/// `POST /inventory/replace[?org_id=]`: the file (`multipart/form-data`, field `file`) read and
/// checked as the grid's import reads it, then saved in place of every row; a redirect to the
/// page with how many rows it has, or the page again with why not.
pub async fn replace(State(state): State<AppState>, Query(param): Query<OrgParam>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let (info, response) = request_info(&parts, &state);
    let page = match param.org_id {
        Some(id) => format!("/assets?org={id}"),
        None => "/assets".to_string(),
    };
    let locale = info.locale;
    let file = file_of(Request::from_parts(parts.clone(), body), &state).await;
    let reply = Reply { state: state.clone(), parts, response };
    let read = match file {
        Ok(bytes) => crate::routes::inventory_files::read_import(&state, &info, param.org_id, bytes).await,
        Err(e) => Err(e),
    };
    let (error, problems) = match read {
        Ok(imported) if imported.problems.is_empty() => {
            match sheet::replace(&state, info, param.org_id, imported.rows).await {
                Ok(rows) => {
                    let sep = if page.contains('?') { '&' } else { '?' };
                    return reply.redirect(&format!("{page}{sep}imported={rows}"));
                }
                Err(e) => (e, Vec::new()),
            }
        }
        Ok(imported) => {
            let error =
                AppError::invalid("file", LocalText::new(Msg::InvImportProblems).arg("count", imported.problems.len()));
            (error, imported.problem_lines(locale))
        }
        Err(e) => (e, Vec::new()),
    };
    let posted = Posted { form: "replace", values: Vec::new(), error, page: Some(page.clone()) };
    reply
        .page_with(&page, move || {
            provide_context(posted.clone());
            provide_context(Answered(FileProblems(problems.clone())));
        })
        .await
}

/// The form's file, or why there is none.
async fn file_of(request: Request, state: &AppState) -> Result<Bytes, AppError> {
    let none = || AppError::invalid("file", Msg::InvReplaceNoFile);
    let mut form = Multipart::from_request(request, state).await.map_err(|_| none())?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(|_| none())?;
            return if bytes.is_empty() { Err(none()) } else { Ok(bytes) };
        }
    }
    Err(none())
}
