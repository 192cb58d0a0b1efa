use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    accounts::{SignInNext, TermsPage},
    components::{classes, ErrorNotice, FormAlert, Loading},
    i18n::{t, tr, LocalText, Msg},
    server_fns::{get_terms, AgreeTerms},
    time::taipei_datetime,
};

/// 用戶約定條款 (`/terms`): the version in force for anyone to read; a signed-in account that has
/// not agreed to it is sent here first by every page and agrees here.
#[component]
pub fn TermsOfUsePage() -> impl IntoView {
    let agree = ServerAction::<AgreeTerms>::new();
    let page = Resource::new(move || agree.version().get(), |_| get_terms());
    // Agreed: on to where the sign-in was going (a subsystem that asked, else home), as a whole
    // page, since both are the server's.
    Effect::new(move |_| {
        if let Some(Ok(next)) = agree.value().get() {
            go(next);
        }
    });
    view! {
        <Title text=t(Msg::TermsTitle)/>
        <section class="mx-auto flex w-full max-w-3xl flex-col gap-4" data-testid="terms">
            <h1 class=classes::H1>{t(Msg::TermsTitle)}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => view! { <Terms p agree/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[cfg(feature = "hydrate")]
fn go(next: SignInNext) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(next.path());
    }
}

#[cfg(not(feature = "hydrate"))]
fn go(_: SignInNext) {}

#[component]
fn Terms(p: TermsPage, agree: ServerAction<AgreeTerms>) -> impl IntoView {
    let Some(terms) = p.terms else {
        return view! { <p>{t(Msg::TermsNone)}</p> }.into_any();
    };
    let outcome = agree.value();
    let published = tr(&LocalText::new(Msg::TermsVersion)
        .arg("version", terms.version)
        .arg("date", taipei_datetime(terms.published_at)));
    view! {
        <p class="text-slate-700" data-testid="terms-version">{published}</p>
        {p.pending.then(|| view! { <p role="alert" class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">{t(Msg::TermsPendingIntro)}</p> })}
        <div class=format!("{} whitespace-pre-line leading-relaxed", classes::CARD) data-testid="terms-body" tabindex="0"
            aria-label=t(Msg::TermsTitle)>{terms.body}</div>
        {match terms.agreed_at {
            Some(at) => view! {
                <p class=classes::NOTICE data-testid="terms-agreed">
                    {tr(&LocalText::new(Msg::TermsAgreedAt).arg("date", taipei_datetime(at)))}" "<a href="/" rel="external">{t(Msg::BackHome)}</a>
                </p>
            }.into_any(),
            None if p.pending => view! {
                <ActionForm action=agree attr:class="flex flex-col gap-3">
                    <input type="hidden" name="version" value=terms.version/>
                    <FormAlert outcome fields=&[]/>
                    <button type="submit" class=classes::BUTTON disabled=move || agree.pending().get()>{t(Msg::TermsAgree)}</button>
                </ActionForm>
            }.into_any(),
            None => ().into_any(),
        }}
        {p.agreed.map(|(agreed, all)| view! {
            <p class="text-sm text-slate-700" data-testid="terms-count">
                {tr(&LocalText::new(Msg::TermsAgreedCount).arg("agreed", agreed).arg("all", all))}" "
                <a href="/admin/terms">{t(Msg::AdminTermsTitle)}</a>
            </p>
        })}
    }
    .into_any()
}
