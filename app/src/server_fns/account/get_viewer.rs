use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::Viewer, error::AppError};

/// Who this request is signed in as, at whichever stage; `None` for a guest.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    use crate::{auth::RequestInfo, flows::session, state::app_state};
    let state = app_state()?;
    let (info, settings) = (RequestInfo::current(&state.auth), state.auth.clone());
    state
        .pool
        .run(move |conn| match session::current(conn, &settings, &info)? {
            Some(current) => Ok(Some(session::viewer(conn, &settings, &current)?)),
            None => Ok(None),
        })
        .await
}
