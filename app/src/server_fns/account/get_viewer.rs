use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::Viewer, error::AppError};

/// Who this request is signed in as, at whichever stage; `None` for a guest.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    use crate::{flows::session, state::request};
    let (state, info) = request()?;
    state
        .run(&info, |work| match session::current(work)? {
            Some(current) => Ok(Some(session::viewer(work.conn, work.settings, &current)?)),
            None => Ok(None),
        })
        .await
}
