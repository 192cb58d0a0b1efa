use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{classes, field_error, CaptchaField, FormAlert, TextField},
    i18n::{t, Msg},
    light::{error_field, posted_outcome, posted_value, Asset, LightPage, LightScript},
};

const FIELDS: &[&str] = &["email", "captcha"];

/// 忘記帳號: the usernames registered with an email address go to that address. A light page
/// (`crate::light`): the form posts to `/forgot-account`, which answers with `?sent=1`, the
/// same whether or not the address has accounts, or with this page and the error.
#[component]
pub fn ForgotAccountPage() -> impl IntoView {
    let outcome = posted_outcome::<()>("remind");
    let email = RwSignal::new(posted_value("email"));
    let sent = use_query_map().with_untracked(|q| q.get("sent").is_some());
    view! {
        <LightPage>
            <Title text=t(Msg::ForgotAccount)/>
            <section class=classes::NARROW>
                <h1 class=classes::H1>{t(Msg::ForgotAccount)}</h1>
                <p>{t(Msg::ForgotAccountIntro)}</p>
                {sent.then(|| view! { <p role="status" class=classes::NOTICE>{t(Msg::UsernamesSent)}</p> })}
                <form method="post" action="/forgot-account" class=classes::CARD novalidate=true>
                    <TextField id="email" name="email" label=Msg::Email value=email input_type="email" autocomplete="email"
                        error=field_error(outcome, "email") required=true autofocus=error_field("remind", FIELDS) == Some("email")/>
                    <CaptchaField error=field_error(outcome, "captcha")/>
                    <FormAlert outcome fields=FIELDS/>
                    <button type="submit" class=classes::BUTTON>{t(Msg::Send)}</button>
                </form>
            </section>
            <LightScript script=Asset::Captcha/>
        </LightPage>
    }
}
