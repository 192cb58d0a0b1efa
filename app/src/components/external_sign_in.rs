use leptos::prelude::*;

use super::classes;
use crate::{
    i18n::{tr, LocalText, Msg},
    server_fns::external_sign_in,
};

/// 以 Google 登入 on the sign-in page, when the installation has a provider: a plain link
/// (it works before the page's script has loaded) that the server turns into the trip there.
#[component]
pub fn ExternalSignIn() -> impl IntoView {
    let provider = Resource::new(|| (), |_| external_sign_in());
    view! {
        <Suspense fallback=|| ()>
            {move || provider.get().and_then(Result::ok).flatten().map(|name| {
                let label = tr(&LocalText::new(Msg::GoogleSignIn).arg("name", &name));
                let hint = tr(&LocalText::new(Msg::GoogleSignInHint).arg("name", &name));
                view! {
                    <div class="flex flex-col gap-2" data-testid="external-sign-in">
                        // `rel=external`: a navigation to the server, not a page of this app.
                        <a href="/auth/oidc/start" rel="external" aria-describedby="external-hint"
                            class=format!("{} text-center no-underline", classes::SECONDARY_BUTTON)>{label}</a>
                        <p id="external-hint" class="text-sm text-slate-700">{hint}</p>
                    </div>
                }
            })}
        </Suspense>
    }
}
