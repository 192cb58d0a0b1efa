use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{classes, ClaimFields},
    i18n::{t, Msg},
    light::{Asset, LightPage, LightScript},
};

/// 補寄驗證信: the holder of a new account asks for its set-password link again. A light page
/// (`crate::light`): the form posts to `/resend-link`, which answers with `?sent=1`, the same
/// whether or not the details matched, or with this page and the error.
#[component]
pub fn ResendLinkPage() -> impl IntoView {
    let sent = use_query_map().with_untracked(|q| q.get("sent").is_some());
    view! {
        <LightPage>
            <Title text=t(Msg::ResendLinkTitle)/>
            <section class=classes::NARROW>
                <h1 class=classes::H1>{t(Msg::ResendLinkTitle)}</h1>
                <p>{t(Msg::ResendLinkIntro)}</p>
                {sent.then(|| view! { <p role="status" class=classes::NOTICE>{t(Msg::ResendLinkSent)}</p> })}
                <form method="post" action="/resend-link" class=classes::CARD novalidate=true>
                    <ClaimFields form="claim"/>
                    <button type="submit" class=classes::BUTTON>{t(Msg::ResendLinkSend)}</button>
                </form>
            </section>
            <LightScript script=Asset::Captcha/>
        </LightPage>
    }
}
