use leptos::prelude::*;

use crate::{accounts::Profile, error::AppError};

/// 個人資料: the office details (職稱, 部門名稱, address, office phone and extension, fax).
#[server(prefix = "/api/fn", endpoint = "save_profile")]
pub async fn save_profile(#[server(flatten)] profile: Profile) -> Result<(), AppError> {
    use crate::{flows::accounts::contact, state::request};
    let (state, info) = request()?;
    contact::save_profile(&state, info, profile).await
}
