use leptos::prelude::*;

use crate::error::AppError;

/// Steps 1–3: organization, name, official email, mobile and CAPTCHA; sends both codes.
#[server(prefix = "/api/fn", endpoint = "start_application")]
pub async fn start_application(
    org_code: String,
    org_name: Option<String>,
    name: String,
    email: String,
    mobile: String,
    captcha: String,
) -> Result<(), AppError> {
    use crate::{
        auth::RequestInfo,
        flows::applications::apply::{self, ContactForm},
        state::app_state,
    };
    // The name is filled in by the picker for the reader; the code is what counts.
    let _ = org_name;
    let state = app_state()?;
    let form = ContactForm { org_code, name, email, mobile };
    apply::start(&state, RequestInfo::current(&state.auth), form, captcha).await
}
