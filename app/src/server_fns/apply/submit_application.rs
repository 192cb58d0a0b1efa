use leptos::prelude::*;

use crate::error::AppError;

/// Step 5, 送出申請: the account form.
#[server(prefix = "/api/fn", endpoint = "submit_application")]
#[allow(clippy::too_many_arguments)]
pub async fn submit_application(
    username: String,
    password: String,
    confirm: String,
    title: String,
    unit: String,
    address: Option<String>,
    office_phone: String,
    office_ext: Option<String>,
    fax: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        accounts::Profile,
        flows::applications::apply::{self, AccountForm},
        state::request,
    };
    let (state, info) = request()?;
    let profile = Profile::from_form(title, unit, address, office_phone, office_ext, fax);
    let form = AccountForm { username, password, confirm, profile };
    apply::submit(&state, info, form).await
}
