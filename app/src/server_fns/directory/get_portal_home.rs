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
        permissions::subsystem_reach,
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
                Some(c) => {
                    let actor = portal::actor(conn, &c.user)?;
                    (
                        portal::subsystems_for(conn, c.user.id, subsystem_reach(&actor), locale)?,
                        crate::flows::applications::review::waiting(conn, &actor)?,
                    )
                }
                None => (Vec::new(), 0),
            };
            Ok(PortalHome { announcements, page, pages, subsystems, waiting_reviews })
        })
        .await
}
