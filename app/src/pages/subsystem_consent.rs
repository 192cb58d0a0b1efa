use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::subsystem_refused::NoGrant;
use crate::{
    accounts::SubsystemConsent,
    components::{classes, Access, ErrorNotice, Loading, Protected},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    provider::authorize_again,
    server_fns::subsystem_sign_in_consent,
};

/// 同意授權 for a subsystem that signs in through Gatehouse: `/oidc/authorize` sends the browser
/// here, with the subsystem's request as its query, until the account agrees to the fields the
/// subsystem is registered for now.
#[component]
pub fn SubsystemConsentPage() -> impl IntoView {
    let query = use_query_map();
    // Made here, not inside `Protected` (a server render may run its content more than once).
    // No `client_id` asks for the code "", which the server does not know (NotFound).
    let consent =
        Resource::new(move || query.with(|q| q.get("client_id")).unwrap_or_default(), subsystem_sign_in_consent);
    view! {
        <Title text=t(Msg::ConsentTitle)/>
        <Protected access=Access::SignedIn render=move |_| view! {
            <section class=classes::NARROW data-testid="subsystem-consent">
                <h1 class=classes::H1>{t(Msg::ConsentTitle)}</h1>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match consent.await {
                            Ok(c) => view! { <Ask c/> }.into_any(),
                            Err(error) => view! { <Problem error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        }.into_any()/>
    }
}

#[component]
fn Ask(c: SubsystemConsent) -> impl IntoView {
    // A plain form (`POST /oidc/agree`), so that agreeing needs no script; where the wasm runs,
    // the button is disabled once pressed, while the answer is on its way.
    let sending = RwSignal::new(false);
    // Agreeing ends at the subsystem through redirects, which the browser checks against the
    // page's `form-action` too.
    #[cfg(feature = "ssr")]
    crate::csp::allow_form_targets(&c.redirect_origins);
    let intro = if c.asked_before { Msg::SubsystemConsentMore } else { Msg::SubsystemConsentIntro };
    // Only web addresses become links: a registered one always is, and nothing else may run.
    let links: Vec<_> = [(c.privacy_url, Msg::SubsystemConsentPrivacy), (c.terms_url, Msg::SubsystemConsentTerms)]
        .into_iter()
        .filter(|(url, _)| url.starts_with("https://") || url.starts_with("http://"))
        .map(|(url, label)| {
            view! {
                <a href=url target="_blank" rel="noopener noreferrer">{t(label)}{t(Msg::SubsystemConsentNewTab)}</a>
            }
        })
        .collect();
    // The request the page was shown for, as it came; 不同意 asks it again declined, so the
    // subsystem is told `access_denied` (its own page says what to do next).
    let request = use_query_map().with_untracked(|q| {
        let pairs: Vec<(String, String)> = q.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        crate::url::query_string(&pairs)
    });
    let declined = authorize_again(&request, true);
    view! {
        <form method="post" action="/oidc/agree" class=classes::CARD on:submit=move |_| sending.set(true)>
            <input type="hidden" name="client_id" value=c.code.clone()/>
            <input type="hidden" name="request" value=request/>
            <p>{tr(&LocalText::new(intro).arg("subsystem", &c.name))}</p>
            <ul class="list-disc pl-6" data-testid="consent-fields">
                {c.fields.iter().map(|f| view! { <li>{t(f.label())}</li> }).collect_view()}
            </ul>
            {(!links.is_empty()).then(|| view! { <p class="flex flex-wrap gap-x-4 gap-y-1">{links}</p> })}
            <p class="text-sm text-slate-700">{t(Msg::ConsentPurpose)}</p>
            <p role="status" aria-live="polite">{move || sending.get().then(|| t(Msg::SubsystemConsentReturning))}</p>
            <div class="flex flex-wrap gap-2">
                <button type="submit" class=classes::BUTTON disabled=move || sending.get()>{t(Msg::ConsentAccept)}</button>
                <a href=declined rel="external" class=format!("{} no-underline", classes::SECONDARY_BUTTON)>{t(Msg::SubsystemConsentDecline)}</a>
            </div>
        </form>
    }
}

/// Why the consent cannot be shown or given, and where to go from there.
#[component]
fn Problem(error: AppError) -> impl IntoView {
    match error {
        // The session ended since the page was shown.
        AppError::Unauthorized => view! {
            <p role="alert">{t(Msg::ErrorUnauthorized)}" "<a href="/sign-in" rel="external">{t(Msg::SignIn)}</a></p>
        }
        .into_any(),
        AppError::Forbidden => view! { <div role="alert" class="flex flex-col gap-4"><NoGrant/></div> }.into_any(),
        AppError::NotFound => view! { <p role="alert">{t(Msg::SubsystemConsentNotFound)}</p> }.into_any(),
        error => view! { <ErrorNotice error/> }.into_any(),
    }
}
