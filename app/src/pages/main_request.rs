use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{classes, field_error, CaptchaField, FormAlert, Loading, MemberFields, OrgPicker},
    i18n::{t, tr, LocalText, Msg},
    server_fns::{official_email_domains, RequestMainAccount},
};

/// 申請主帳號 (SPEC §4): a school or agency without a main account names itself (校代碼 &
/// 校名, looked up as the directory does), the account it wants and its holder. The central
/// authority creates it; the holder then sets a password from the mailed link.
#[component]
pub fn MainRequestPage() -> impl IntoView {
    let action = ServerAction::<RequestMainAccount>::new();
    let outcome = action.value();
    let query = use_query_map();
    let initial = query.with_untracked(|m| m.get("org").unwrap_or_default());
    let initial_name = query.with_untracked(|m| m.get("name").unwrap_or_default());
    let domains = Resource::new(|| (), |_| official_email_domains());
    let (part, name, email) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let sent = move || match outcome.get() {
        Some(Ok(username)) => Some(tr(&LocalText::new(Msg::MainRequestSent).arg("username", username))),
        _ => None,
    };
    view! {
        <Title text=t(Msg::MainRequestTitle)/>
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::MainRequestTitle)}</h1>
            <p>{t(Msg::MainRequestIntro)}</p>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true attr:data-testid="main-request">
                <OrgPicker id="request-org" code_field="org_code" name_field="org_name" initial_code=initial initial_name
                    error=field_error(outcome, "org_code")/>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        let email_domains = domains.await.unwrap_or_default();
                        view! { <MemberFields id="request" outcome email_domains prefix=None part name email/> }
                    })}
                </Suspense>
                <CaptchaField round=action.version() error=field_error(outcome, "captcha")/>
                <FormAlert outcome fields=&["org_code", "account", "name", "email", "title", "unit", "address", "office_phone", "office_ext", "fax", "captcha"]/>
                <div role="status" aria-live="polite">
                    {move || sent().map(|s| view! { <p class=format!("{} break-words", classes::NOTICE)>{s}</p> })}
                </div>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::MainRequestSend)}</button>
            </ActionForm>
        </section>
    }
}
