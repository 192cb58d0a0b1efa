use leptos::prelude::*;

use super::{classes, field_error, live_error, CaptchaField, FormAlert, ProfileFields, TextField};
use crate::{
    accounts::{check_member_part, check_official_email, check_real_name, member_username, Profile},
    i18n::{t, tr, LocalText, Msg},
    server_fns::CreateMember,
};

/// 新增子帳號: the account (after the organization's code, shown before the box), name,
/// office details and official email, each checked as the user types by the rules the server
/// runs; then the CAPTCHA. Done, it says where the link went and empties itself.
#[component]
pub fn MemberForm(prefix: String, email_domains: Vec<String>, action: ServerAction<CreateMember>) -> impl IntoView {
    let outcome = action.value();
    let part = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let part_error = live_error(part, |p| check_member_part(p).map(drop), field_error(outcome, "account"));
    let name_error = live_error(name, check_real_name, field_error(outcome, "name"));
    let domains = email_domains.clone();
    let email_error = live_error(email, move |e| check_official_email(e, &domains), field_error(outcome, "email"));
    let example = member_username(&prefix, "test01");
    // What was created, said once the server answered; the fields still hold what was sent.
    let created = RwSignal::new(None::<String>);
    let emptied = RwSignal::new(0usize);
    let code = prefix.clone();
    Effect::new(move |_| {
        if let Some(Ok(())) = outcome.get() {
            let username = member_username(&code, &part.get_untracked());
            let said =
                LocalText::new(Msg::MembersCreated).arg("username", username).arg("email", email.get_untracked());
            created.set(Some(tr(&said)));
            for field in [part, name, email] {
                field.set(String::new());
            }
            emptied.update(|n| *n += 1);
        }
    });
    view! {
        <ActionForm action=action attr:class=classes::CARD attr:novalidate=true attr:data-testid="member-form">
            <h2 class="text-lg font-semibold">{t(Msg::MembersNew)}</h2>
            <TextField id="member-part" name="part" label=Msg::MembersAccount value=part mono=true required=true
                hint=LocalText::new(Msg::MembersAccountHint).arg("example", example) error=part_error prefix=format!("{prefix}_")/>
            <TextField id="member-name" name="name" label=Msg::ApplyRealName value=name autocomplete="off" error=name_error required=true/>
            <TextField id="member-email" name="email" label=Msg::ApplyOfficialEmail value=email input_type="email" autocomplete="off"
                error=email_error required=true/>
            // Made again, empty, once an account is created (the fields keep their own values).
            {move || { emptied.track(); view! { <ProfileFields id="member" initial=Profile::default() outcome/> } }}
            <CaptchaField round=action.version() error=field_error(outcome, "captcha")/>
            <FormAlert outcome fields=&["account", "name", "email", "title", "unit", "address", "office_phone", "office_ext", "fax", "captcha"]/>
            <div role="status" aria-live="polite">
                {move || created.get().map(|c| view! { <p class=format!("{} break-words", classes::NOTICE)>{c}</p> })}
            </div>
            <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::MembersCreate)}</button>
        </ActionForm>
    }
}
