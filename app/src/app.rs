use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::{
    components::Layout,
    i18n::{provide_locale, t, Locale, Msg},
    pages::{
        AccountPage, ActivityPage, AdminAccountsPage, AdminAnnouncementsPage, AdminApplicationPage,
        AdminApplicationsPage, AdminAuditPage, AdminInventoryPage, AdminOrgAdminsPage, ApplyPage, BindPage,
        ChangePasswordPage, DirectoryPage, ForgotAccountPage, ForgotPasswordPage, HomePage, InventoryPage, MailboxPage,
        NotFoundPage, OrgPage, PickerDemoPage, ProfilePage, ResetPasswordPage, SetPasswordPage, SignInPage, TreePage,
        VerifyCodePage,
    },
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
    // Effects run only in the browser, after hydration: tests and styles can wait for this.
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    // Pages whose content comes from the database render whole before they are sent
    // (`SsrMode::Async`), so they read complete without JavaScript.
    view! {
        <Title formatter=|page: String| {
            let site = t(Msg::SiteName);
            if page == site { page } else { format!("{page} | {site}") }
        }/>
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/directory") view=DirectoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/directory/tree") view=TreePage ssr=SsrMode::Async/>
                    <Route path=path!("/org/:key") view=OrgPage ssr=SsrMode::Async/>
                    <Route path=path!("/dev/picker") view=PickerDemoPage/>
                    <Route path=path!("/dev/mailbox") view=|| view! { <MailboxPage/> } ssr=SsrMode::Async/>
                    <Route path=path!("/dev/sms") view=|| view! { <MailboxPage sms=true/> } ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=SignInPage/>
                    <Route path=path!("/sign-in/verify") view=VerifyCodePage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
                    <Route path=path!("/forgot-password/reset") view=ResetPasswordPage/>
                    <Route path=path!("/forgot-account") view=ForgotAccountPage/>
                    <Route path=path!("/set-password") view=SetPasswordPage/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/bind") view=BindPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view=ChangePasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/activity") view=ActivityPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/apply") view=ApplyPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/accounts") view=AdminAccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/applications") view=AdminApplicationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/applications/:id") view=AdminApplicationPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/org-admins") view=AdminOrgAdminsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AdminAuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/announcements") view=AdminAnnouncementsPage ssr=SsrMode::Async/>
                    <Route path=path!("/assets") view=InventoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/inventory") view=AdminInventoryPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
