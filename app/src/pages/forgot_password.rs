use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::{
    components::{classes, ClaimFields},
    i18n::{t, Msg},
    server_fns::RequestPasswordReset,
    url::query_string,
};

/// 忘記密碼, step one: name, account and email. The next step opens whatever the answer,
/// because the answer is the same whether or not they matched.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let outcome = action.value();
    let username = RwSignal::new(String::new());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = outcome.get() {
            let query = query_string(&[("u", &username.get_untracked()), ("sent", "1")]);
            navigate(&format!("/forgot-password/reset?{query}"), Default::default());
        }
    });
    view! {
        <Title text=t(Msg::ForgotPassword)/>
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::ForgotPassword)}</h1>
            <p>{t(Msg::ForgotPasswordIntro)}</p>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <ClaimFields outcome round=action.version() username/>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::SendCode)}</button>
            </ActionForm>
        </section>
    }
}
