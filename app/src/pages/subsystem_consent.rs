use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::subsystem_refused::NoGrant;
use crate::{
    accounts::SubsystemConsent,
    components::{classes, Access, ErrorNotice, Loading, Protected},
    error::AppError,
    i18n::{t, tr, LocalText, Msg},
    server_fns::{subsystem_sign_in_consent, GiveSubsystemSignInConsent},
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
    let give = ServerAction::<GiveSubsystemSignInConsent>::new();
    view! {
        <Title text=t(Msg::ConsentTitle)/>
        <Protected access=Access::SignedIn render=move |_| view! {
            <section class=classes::NARROW data-testid="subsystem-consent">
                <h1 class=classes::H1>{t(Msg::ConsentTitle)}</h1>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || Suspend::new(async move {
                        match consent.await {
                            Ok(c) => view! { <Ask c give/> }.into_any(),
                            Err(error) => view! { <Problem error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        }.into_any()/>
    }
}

#[component]
fn Ask(c: SubsystemConsent, give: ServerAction<GiveSubsystemSignInConsent>) -> impl IntoView {
    let outcome = give.value();
    let agreed = move || matches!(outcome.get(), Some(Ok(())));
    Effect::new(move |_| {
        if agreed() {
            back_to_authorize();
        }
    });
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
    let code = c.code.clone();
    // 不同意 goes back to the subsystem, which is told `access_denied` (its own page says what
    // to do next); the same request, answered.
    let query = use_query_map();
    let declined = query.with_untracked(|q| {
        let kept: Vec<(String, String)> =
            q.into_iter().filter(|(k, _)| *k != "prompt").map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let pairs: Vec<(&str, &str)> =
            kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain([("declined", "1")]).collect();
        format!("/oidc/authorize?{}", crate::url::query_string(&pairs))
    });
    view! {
        <div class=classes::CARD>
            <p>{tr(&LocalText::new(intro).arg("subsystem", &c.name))}</p>
            <ul class="list-disc pl-6" data-testid="consent-fields">
                {c.fields.iter().map(|f| view! { <li>{t(f.label())}</li> }).collect_view()}
            </ul>
            {(!links.is_empty()).then(|| view! { <p class="flex flex-wrap gap-x-4 gap-y-1">{links}</p> })}
            <p class="text-sm text-slate-700">{t(Msg::ConsentPurpose)}</p>
            {move || outcome.get().and_then(Result::err).map(|error| view! { <Problem error/> })}
            <p role="status" aria-live="polite">{move || agreed().then(|| t(Msg::SubsystemConsentReturning))}</p>
            <div class="flex flex-wrap gap-2">
                // Stays disabled once agreed: the browser is already on its way back.
                <button type="button" class=classes::BUTTON disabled=move || give.pending().get() || agreed()
                    on:click=move |_| { give.dispatch(GiveSubsystemSignInConsent { code: code.clone() }); }>
                    {t(Msg::ConsentAccept)}
                </button>
                <a href=declined rel="external" class=format!("{} no-underline", classes::SECONDARY_BUTTON)>{t(Msg::SubsystemConsentDecline)}</a>
            </div>
        </div>
    }
}

/// Why the consent cannot be shown or given, and where to go from there.
#[component]
fn Problem(error: AppError) -> impl IntoView {
    match error {
        // The session ended since the page was shown.
        AppError::Unauthorized => view! {
            <p role="alert">{t(Msg::ErrorUnauthorized)}" "<a href="/sign-in">{t(Msg::SignIn)}</a></p>
        }
        .into_any(),
        AppError::Forbidden => view! { <div role="alert" class="flex flex-col gap-4"><NoGrant/></div> }.into_any(),
        AppError::NotFound => view! { <p role="alert">{t(Msg::SubsystemConsentNotFound)}</p> }.into_any(),
        error => view! { <ErrorNotice error/> }.into_any(),
    }
}

/// Back to the authorization request, now agreed to: a full page load, as `/oidc/authorize` is
/// a server route, not a page. Its query is this page's, without `prompt`: `prompt=consent`
/// has just been answered, and left in it would ask again for ever.
fn back_to_authorize() {
    #[cfg(feature = "hydrate")]
    {
        let location = window().location();
        let search = location.search().unwrap_or_default();
        let kept: Vec<&str> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some("prompt"))
            .collect();
        // Fails only for an address the browser cannot parse, which a path and a query is not.
        let _ = location.set_href(&format!("/oidc/authorize?{}", kept.join("&")));
    }
}
