use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
};

use crate::{
    components::Layout,
    i18n::{provide_locale, t, Locale, Msg},
    pages::NotFoundPage,
    routes,
    server_fns::get_viewer,
};

/// The locale of this request: the remembered choice on the server, and on the client
/// whatever the server rendered into `<html lang>`, so hydration sees the same texts.
pub fn detect_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| {
                p.headers.get(http::header::COOKIE).and_then(|v| v.to_str().ok()).map(Locale::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Locale::from_tag(&l))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_locale(detect_locale());
    // Who is signed in: read once per page load, refetched by sign-in and sign-out.
    let viewer: crate::components::ViewerResource = Resource::new(|| (), |_| get_viewer());
    provide_context(viewer);
    // Pages whose content comes from the database render whole before they are sent
    // (`SsrMode::Async`), so they read complete without JavaScript. The asset grid's sheet is
    // the exception: the browser reads it (`pages/inventory.rs`), and says so without it.
    view! {
        // The site's name under every page's own title: while a page re-renders (its title
        // dropped and made again) the document keeps a title instead of an empty one.
        <Title text=t(Msg::SiteName) formatter=|page: String| {
            let site = t(Msg::SiteName);
            if page == site { page } else { format!("{page} | {site}") }
        }/>
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view={Lazy::<routes::Home>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/directory") view={Lazy::<routes::Directory>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/directory/tree") view={Lazy::<routes::Tree>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/org/:key") view={Lazy::<routes::Org>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/dev/picker") view={Lazy::<routes::PickerDemo>::new()}/>
                    <Route path=path!("/dev/mailbox") view={Lazy::<routes::Mailbox>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/dev/sms") view={Lazy::<routes::Sms>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view={Lazy::<routes::SignIn>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/verify") view={Lazy::<routes::VerifyCode>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/reset-binding") view={Lazy::<routes::ResetBinding>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view={Lazy::<routes::ForgotPassword>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password/reset") view={Lazy::<routes::ResetPassword>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-account") view={Lazy::<routes::ForgotAccount>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/resend-link") view={Lazy::<routes::ResendLink>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oidc/refused") view={Lazy::<routes::SubsystemRefused>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/set-password") view={Lazy::<routes::SetPassword>::new()}/>
                    <Route path=path!("/account") view={Lazy::<routes::Account>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/bind") view={Lazy::<routes::Bind>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/sign-in-methods") view={Lazy::<routes::SignInMethods>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view={Lazy::<routes::ChangePassword>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/activity") view={Lazy::<routes::Activity>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account/profile") view={Lazy::<routes::Profile>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oidc/consent") view={Lazy::<routes::SubsystemConsent>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/terms") view={Lazy::<routes::Terms>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/apply") view={Lazy::<routes::Apply>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/request-main-account") view={Lazy::<routes::MainRequest>::new()}/>
                    <Route path=path!("/who-administers") view={Lazy::<routes::AdminsLookup>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/accounts") view={Lazy::<routes::AdminAccounts>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/applications") view={Lazy::<routes::AdminApplications>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/members") view={Lazy::<routes::Members>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/members/log") view={Lazy::<routes::MemberLog>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/applications/:id") view={Lazy::<routes::AdminApplication>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/org-admins") view={Lazy::<routes::AdminOrgAdmins>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organizations") view={Lazy::<routes::AdminOrganizations>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view={Lazy::<routes::AdminAudit>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/outbox") view={Lazy::<routes::AdminOutbox>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/announcements") view={Lazy::<routes::AdminAnnouncements>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/terms") view={Lazy::<routes::AdminTerms>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/assets") view={Lazy::<routes::Inventory>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/inventory") view={Lazy::<routes::AdminInventory>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/subsystems") view={Lazy::<routes::AdminSubsystems>::new()} ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
