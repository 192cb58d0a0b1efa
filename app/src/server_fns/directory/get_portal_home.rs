use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::PortalHome, error::AppError};

/// The portal's home: a page of announcements (guest ones for guests) and, when signed in,
/// the subsystems the user may open.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_portal_home")]
pub async fn get_portal_home(page: Option<usize>) -> Result<PortalHome, AppError> {
    use crate::{
        accounts::ANNOUNCEMENTS_PER_PAGE,
        db::{now, portal},
        flows::session,
        state::request,
    };
    let (state, info) = request()?;
    let page = page.unwrap_or(1).max(1);
    state
        .run(&info, move |work| {
            let current = session::current(work)?.filter(|c| c.is_full());
            let (conn, locale) = (&mut *work.conn, work.info.locale);
            let (announcements, page, pages) =
                portal::announcements(conn, current.is_some(), page, ANNOUNCEMENTS_PER_PAGE, now())?;
            let (subsystems, waiting_reviews) = match &current {
                Some(c) => (
                    portal::subsystems_for(conn, c.user.id, c.user.role, locale)?,
                    crate::flows::applications::review::waiting(conn, &c.user)?,
                ),
                None => (Vec::new(), 0),
            };
            Ok(PortalHome { announcements, page, pages, subsystems, waiting_reviews })
        })
        .await
}
