use leptos::prelude::*;

use crate::error::AppError;

/// The central authority opens a reporting window (Taiwan dates, both days included).
#[server(prefix = "/api/fn", endpoint = "open_period")]
pub async fn open_period(title: String, first_day: String, last_day: String) -> Result<i64, AppError> {
    use crate::state::request;
    let (state, info) = request()?;
    crate::flows::inventory::reporting::open_period(&state, info, title, first_day, last_day).await
}
