use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::PortalHome, error::AppError};

/// The portal's home: a page of announcements (guest ones for guests) and, when signed in,
/// the subsystems the user may open.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "get_portal_home")]
pub async fn get_portal_home(page: Option<usize>) -> Result<PortalHome, AppError> {
    use crate::{
        accounts::{DuePeriod, ANNOUNCEMENTS_PER_PAGE},
        db::{now, portal, reporting},
        flows::session,
        permissions::{decide, subsystem_reach, Action, Decision},
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
            let (subsystems, waiting_reviews, due) = match &current {
                Some(c) => {
                    let actor = portal::actor(conn, &c.user)?;
                    // The open period, to one who may submit and whose organization has not.
                    let due = match reporting::open_period(conn, now())? {
                        Some(period)
                            if decide(Some(&actor), Action::SubmitInventory(actor.org_id)) == Decision::Allow
                                && reporting::current_submission(conn, period.id, actor.org_id)?.is_none() =>
                        {
                            Some(DuePeriod { title: period.title, closes_at: period.closes_at })
                        }
                        _ => None,
                    };
                    (
                        portal::subsystems_for(conn, c.user.id, subsystem_reach(&actor), locale)?,
                        crate::flows::applications::review::waiting(conn, &actor)?,
                        due,
                    )
                }
                None => (Vec::new(), 0, None),
            };
            let signed_in = current.is_some();
            Ok(PortalHome { signed_in, announcements, page, pages, subsystems, waiting_reviews, due })
        })
        .await
}
