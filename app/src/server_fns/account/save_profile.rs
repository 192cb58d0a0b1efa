use leptos::prelude::*;

use crate::error::AppError;

/// 個人資料: the office details (職稱, 部門名稱, address, office phone and extension, fax).
#[server(prefix = "/api/fn", endpoint = "save_profile")]
pub async fn save_profile(
    title: String,
    unit: String,
    address: Option<String>,
    office_phone: String,
    office_ext: Option<String>,
    fax: Option<String>,
) -> Result<(), AppError> {
    use crate::{accounts::Profile, flows::accounts::contact, state::request};
    let (state, info) = request()?;
    let profile = Profile::from_form(title, unit, address, office_phone, office_ext, fax);
    contact::save_profile(&state, info, profile).await
}
