//! Every page as a lazy route: built with `cargo leptos build --split`, each page's code sits in
//! its own wasm chunk, fetched when the page is first shown, so the sign-in page no longer
//! downloads the asset grid, the application steps and the admin screens. Code that several
//! pages share is split into shared chunks by the same build; the shell (header, router,
//! locale texts) stays in the main module.
//!
//! A page's data is read inside its component, which is fine here: the chunk and the page's
//! server function calls start together once the component runs, and on a first visit the
//! server has already rendered the page (`SsrMode::Async`) with its data.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::components::HydratedMark;
use crate::pages::{
    AccountPage, ActivityPage, AdminAccountsPage, AdminAnnouncementsPage, AdminApplicationPage, AdminApplicationsPage,
    AdminAuditPage, AdminInventoryPage, AdminOrgAdminsPage, ApplyPage, BindPage, ChangePasswordPage, DirectoryPage,
    ForgotAccountPage, ForgotPasswordPage, HomePage, InventoryPage, MailboxPage, OrgPage, PickerDemoPage, ProfilePage,
    ResetPasswordPage, SetPasswordPage, SignInPage, TreePage, VerifyCodePage,
};

/// One unit struct per page and its `LazyRoute`, whose view is the page and the mark that the
/// page is live. The split function each `#[lazy_route]` makes
/// is named after the struct, so every page gets a chunk of its own.
macro_rules! lazy_pages {
    ($($route:ident => $page:expr;)*) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                ($page, view! { <HydratedMark/> }).into_any()
            }
        }
    )*};
}

lazy_pages! {
    Home => view! { <HomePage/> };
    Directory => view! { <DirectoryPage/> };
    Tree => view! { <TreePage/> };
    Org => view! { <OrgPage/> };
    PickerDemo => view! { <PickerDemoPage/> };
    Mailbox => view! { <MailboxPage/> };
    Sms => view! { <MailboxPage sms=true/> };
    SignIn => view! { <SignInPage/> };
    VerifyCode => view! { <VerifyCodePage/> };
    ForgotPassword => view! { <ForgotPasswordPage/> };
    ResetPassword => view! { <ResetPasswordPage/> };
    ForgotAccount => view! { <ForgotAccountPage/> };
    SetPassword => view! { <SetPasswordPage/> };
    Account => view! { <AccountPage/> };
    Bind => view! { <BindPage/> };
    ChangePassword => view! { <ChangePasswordPage/> };
    Activity => view! { <ActivityPage/> };
    Profile => view! { <ProfilePage/> };
    Apply => view! { <ApplyPage/> };
    AdminAccounts => view! { <AdminAccountsPage/> };
    AdminApplications => view! { <AdminApplicationsPage/> };
    AdminApplication => view! { <AdminApplicationPage/> };
    AdminOrgAdmins => view! { <AdminOrgAdminsPage/> };
    AdminAudit => view! { <AdminAuditPage/> };
    AdminAnnouncements => view! { <AdminAnnouncementsPage/> };
    Inventory => view! { <InventoryPage/> };
    AdminInventory => view! { <AdminInventoryPage/> };
}
