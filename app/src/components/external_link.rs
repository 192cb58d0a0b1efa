use leptos::prelude::*;

use super::{classes, FormAlert};
use crate::{
    i18n::{t, tr, LocalText, Msg},
    server_fns::google_link_url,
};

/// 登入設定's card for the external provider (Google): what linking does, and the button that
/// sends the browser there to link (with an authenticator bound and none linked yet; a linked
/// one is listed, and removed, with the other methods).
#[component]
pub fn ExternalLink(name: String, linked: bool, has_totp: bool) -> impl IntoView {
    let go = Action::new_local(|_: &()| async move {
        let url = google_link_url().await?;
        #[cfg(feature = "hydrate")]
        if window().location().set_href(&url).is_err() {
            return Err(crate::error::AppError::Internal);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = url;
        Ok(())
    });
    let outcome = go.value();
    let say = |msg| tr(&LocalText::new(msg).arg("name", &name));
    let (heading, intro, button, going) =
        (say(Msg::GoogleHeading), say(Msg::GoogleIntro), say(Msg::GoogleLink), say(Msg::GoogleRedirecting));
    let action = match (linked, has_totp) {
        (true, _) => ().into_any(),
        (false, false) => view! { <p class="text-slate-700">{t(Msg::GoogleNeedsTotp)}</p> }.into_any(),
        (false, true) => view! {
            <button type="button" class=classes::SECONDARY_BUTTON class:self-start=true disabled=move || go.pending().get()
                on:click=move |_| { go.dispatch(()); }>{button}</button>
            <p role="status" aria-live="polite" class="text-sm">{move || go.pending().get().then(|| going.clone())}</p>
            <FormAlert outcome fields=&[]/>
        }
        .into_any(),
    };
    view! {
        <div class=classes::CARD data-testid="external-link">
            <h2 class="text-lg font-semibold">{heading}</h2>
            <p>{intro}</p>
            {action}
        </div>
    }
}
