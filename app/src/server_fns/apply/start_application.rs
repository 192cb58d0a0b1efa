use leptos::prelude::*;

use crate::error::AppError;

/// Steps 1–3: organization, who is applying and CAPTCHA. A new applicant gives name, official
/// email and mobile and is sent both codes; a registered contact picks its entry (`contact`),
/// gives the email and mobile on record, and is sent one code on `channel` (`email`, `sms`).
/// `mode` is `registered` for the latter.
#[server(prefix = "/api/fn", endpoint = "start_application")]
pub async fn start_application(
    org_code: String,
    org_name: Option<String>,
    name: Option<String>,
    email: String,
    mobile: String,
    mode: Option<String>,
    contact: Option<String>,
    channel: Option<String>,
    captcha: String,
) -> Result<(), AppError> {
    use crate::{
        db::outbox::Channel,
        flows::applications::apply::{self, ContactForm},
        i18n::Msg,
        state::request,
    };
    // The name is filled in by the picker for the reader; the code is what counts.
    let _ = org_name;
    let registered = match mode.as_deref() {
        Some("registered") => {
            let id = contact.as_deref().map(str::trim).unwrap_or("");
            if id.is_empty() {
                return Err(AppError::invalid("contact", Msg::ApplyContactRequired));
            }
            let id = id.parse::<i64>().map_err(|_| AppError::invalid("contact", Msg::ApplyContactUnknown))?;
            let channel = Channel::parse(channel.as_deref().unwrap_or("email"))
                .ok_or_else(|| AppError::invalid("channel", Msg::ApplyChannelRequired))?;
            Some((id, channel))
        }
        _ => None,
    };
    let (state, info) = request()?;
    let form = ContactForm { org_code, name: name.unwrap_or_default(), email, mobile, registered };
    apply::start(&state, info, form, captcha).await
}
