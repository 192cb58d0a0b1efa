use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{classes, ClaimFields},
    i18n::{t, Msg},
    light::{Asset, LightPage, LightScript},
};

/// 忘記密碼, step one: name, account and email. A light page (`crate::light`): the form posts
/// to `/forgot-password`, which goes on to the next step whatever matched (the answer is the
/// same either way), or answers with this page and the error.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! {
        <LightPage>
            <Title text=t(Msg::ForgotPassword)/>
            <section class=classes::NARROW>
                <h1 class=classes::H1>{t(Msg::ForgotPassword)}</h1>
                <p>{t(Msg::ForgotPasswordIntro)}</p>
                <form method="post" action="/forgot-password" class=classes::CARD novalidate=true>
                    <ClaimFields form="claim"/>
                    <button type="submit" class=classes::BUTTON>{t(Msg::SendCode)}</button>
                </form>
            </section>
            <LightScript script=Asset::Captcha/>
        </LightPage>
    }
}
