use leptos::prelude::*;

use crate::error::AppError;

/// 新增子帳號: `{code}_{part}` in the main account's own organization; its holder is mailed a
/// link to set the password.
#[server(prefix = "/api/fn", endpoint = "create_member")]
#[allow(clippy::too_many_arguments)]
pub async fn create_member(
    part: String,
    name: String,
    email: String,
    title: String,
    unit: String,
    address: Option<String>,
    office_phone: String,
    office_ext: Option<String>,
    fax: Option<String>,
    captcha: String,
) -> Result<(), AppError> {
    use crate::{
        accounts::{NewMember, Profile},
        flows::members,
        state::request,
    };
    let (state, info) = request()?;
    let profile = Profile::from_form(title, unit, address, office_phone, office_ext, fax);
    let new = NewMember { part, name, email, profile };
    members::create::create(&state, info, new, captcha).await.map(drop)
}
