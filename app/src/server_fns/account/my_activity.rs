use leptos::{prelude::*, server_fn::codec::GetUrl};

use crate::{accounts::ActivityEntry, error::AppError};

pub const ACTIVITY_PER_PAGE: i64 = 50;

/// 帳號活動紀錄: the signed-in user's own sign-ins and credential changes, newest first.
#[server(input = GetUrl, prefix = "/api/fn", endpoint = "my_activity")]
pub async fn my_activity(page: Option<i64>) -> Result<Vec<ActivityEntry>, AppError> {
    use crate::{db::audit, flows::session, state::request};
    let (state, info) = request()?;
    let result = async {
        let current = session::require_full(&state, &info).await?;
        // Saturating: a hand-typed page number must not overflow the offset.
        let offset = (page.unwrap_or(1).max(1) - 1).saturating_mul(ACTIVITY_PER_PAGE);
        state.pool.run(move |conn| Ok(audit::for_subject(conn, current.user.id, offset, ACTIVITY_PER_PAGE)?)).await
    };
    result.await
}
