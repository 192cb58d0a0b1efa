use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::Viewer, error::AppError};

/// Who this request is signed in as, at whichever stage; `None` for a guest.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    use crate::{auth::RequestInfo, flows::session, state::app_state};
    let state = app_state()?;
    state
        .run(&RequestInfo::current(&state.settings), |work| match session::current(work)? {
            Some(current) => Ok(Some(session::viewer(work.conn, work.settings, &current)?)),
            None => Ok(None),
        })
        .await
}
