use leptos::prelude::*;

use super::{classes, field_error, CaptchaField, FormAlert, MemberFields};
use crate::{
    accounts::member_username,
    i18n::{t, tr, LocalText, Msg},
    server_fns::CreateMember,
};

/// 新增子帳號: the account (after the organization's code), name, office details and official
/// email, each checked as the user types; then the CAPTCHA. Done, it says where the link went
/// and empties itself.
#[component]
pub fn MemberForm(prefix: String, email_domains: Vec<String>, action: ServerAction<CreateMember>) -> impl IntoView {
    let outcome = action.value();
    let part = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
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
            // Made again, empty, once an account is created (the office fields keep their own
            // values).
            {move || {
                emptied.track();
                let (prefix, email_domains) = (Some(prefix.clone()), email_domains.clone());
                view! { <MemberFields id="member" outcome email_domains prefix part name email/> }
            }}
            <CaptchaField round=action.version() error=field_error(outcome, "captcha")/>
            <FormAlert outcome fields=&["account", "name", "email", "title", "unit", "address", "office_phone", "office_ext", "fax", "captcha"]/>
            <div role="status" aria-live="polite">
                {move || created.get().map(|c| view! { <p class=format!("{} break-words", classes::NOTICE)>{c}</p> })}
            </div>
            <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::MembersCreate)}</button>
        </ActionForm>
    }
}
