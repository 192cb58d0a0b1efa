use leptos::prelude::*;

use crate::error::AppError;

/// 申請主帳號: a school without a main account asks for one; returns the account it asked for.
#[server(prefix = "/api/fn", endpoint = "request_main_account")]
#[allow(clippy::too_many_arguments)]
pub async fn request_main_account(
    org_code: String,
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
) -> Result<String, AppError> {
    use crate::{
        accounts::{MainRequest, NewMember, Profile},
        flows::members,
        state::request,
    };
    let (state, info) = request()?;
    let profile = Profile::from_form(title, unit, address, office_phone, office_ext, fax);
    let request = MainRequest { org_code, member: NewMember { part, name, email, profile } };
    members::request::ask(&state, info, request, captcha).await
}
