use leptos::prelude::*;

use super::{field_error, live_error, Outcome, ProfileFields, TextField};
use crate::{
    accounts::{check_member_part, check_official_email, check_real_name, member_username, Profile},
    i18n::{LocalText, Msg},
};

/// A new account's fields, as a main account fills them in for a sub-account and a school for
/// its main account: the account (after the organization's code, shown before the box when
/// known), name, official email and office details, each checked as the user types by the
/// rules the server runs. `id` prefixes the element ids; the caller owns the values.
#[component]
pub fn MemberFields<T: Send + Sync + 'static>(
    id: &'static str,
    outcome: Outcome<T>,
    email_domains: Vec<String>,
    /// The organization's code, when known.
    prefix: Option<String>,
    part: RwSignal<String>,
    name: RwSignal<String>,
    email: RwSignal<String>,
) -> impl IntoView {
    let part_error = live_error(part, |p| check_member_part(p).map(drop), field_error(outcome, "account"));
    let name_error = live_error(name, check_real_name, field_error(outcome, "name"));
    let email_error =
        live_error(email, move |e| check_official_email(e, &email_domains), field_error(outcome, "email"));
    let hint = match &prefix {
        Some(code) => LocalText::new(Msg::MembersAccountHint).arg("example", member_username(code, "test01")),
        None => Msg::MainRequestAccountHint.into(),
    };
    view! {
        <TextField id=format!("{id}-part") name="part" label=Msg::MembersAccount value=part mono=true required=true
            hint error=part_error prefix=prefix.map(|p| format!("{p}_"))/>
        <TextField id=format!("{id}-name") name="name" label=Msg::ApplyRealName value=name autocomplete="off" error=name_error required=true/>
        <TextField id=format!("{id}-email") name="email" label=Msg::ApplyOfficialEmail value=email input_type="email" autocomplete="off"
            error=email_error required=true/>
        <ProfileFields id initial=Profile::default() outcome/>
    }
}
