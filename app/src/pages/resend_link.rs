use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{classes, ClaimFields},
    i18n::{t, Msg},
    server_fns::ResendSetPasswordLink,
};

/// 補寄驗證信: the holder of a new account asks for its set-password link again. The answer
/// is the same whether or not the details matched.
#[component]
pub fn ResendLinkPage() -> impl IntoView {
    let action = ServerAction::<ResendSetPasswordLink>::new();
    let outcome = action.value();
    let username = RwSignal::new(String::new());
    view! {
        <Title text=t(Msg::ResendLinkTitle)/>
        <section class=classes::NARROW>
            <h1 class=classes::H1>{t(Msg::ResendLinkTitle)}</h1>
            <p>{t(Msg::ResendLinkIntro)}</p>
            <ActionForm action=action attr:class=classes::CARD attr:novalidate=true>
                <ClaimFields outcome round=action.version() username/>
                <div role="status" aria-live="polite">
                    {move || matches!(outcome.get(), Some(Ok(()))).then(|| view! { <p class=classes::NOTICE>{t(Msg::ResendLinkSent)}</p> })}
                </div>
                <button type="submit" class=classes::BUTTON disabled=move || action.pending().get()>{t(Msg::ResendLinkSend)}</button>
            </ActionForm>
        </section>
    }
}
