//! Every page as a lazy route. Built with `cargo leptos build --split`, the wasm becomes a main
//! module (the shell: header, router, locale texts) and chunks that a page fetches when it is
//! first shown, so the sign-in page no longer downloads the asset grid, the application steps
//! and the admin screens.
//!
//! Pages are grouped into areas, one split point each, rather than one split point per page:
//! the build puts code shared by several split points into a chunk per combination of them,
//! and with a split point per page that made 500 chunks, 115 to 280 of which a single page
//! fetched (the grid page took 250 ms longer to become usable). An area is what a visitor
//! moves around in: its pages load together, and the few chunks the areas share stay few.
//!
//! A page's data is read inside its component: the chunk and the page's server function calls
//! start together once the component runs, and on a first visit the server has already
//! rendered the page (`SsrMode::Async`) with its data.

use leptos::{lazy, prelude::*};
use leptos_router::LazyRoute;

use crate::components::HydratedMark;
use crate::pages::{
    AccountPage, ActivityPage, AdminAccountsPage, AdminAnnouncementsPage, AdminApplicationPage, AdminApplicationsPage,
    AdminAuditPage, AdminInventoryPage, AdminOrgAdminsPage, AdminOrganizationsPage, AdminOutboxPage,
    AdminSubsystemsPage, AdminTermsPage, ApplyPage, BindPage, ChangePasswordPage, DirectoryPage, InventoryPage,
    MailboxPage, MainRequestPage, MemberLogPage, MembersPage, PickerDemoPage, ProfilePage, SetPasswordPage,
    SignInMethodsPage, SubsystemConsentPage, SubsystemRefusedPage, TermsOfUsePage, TreePage,
};

/// A light page (`crate::light`): rendered by the server alone. The browser's build has only
/// `LoadWhole` in its place (a link followed inside the app loads the page from the server),
/// so none of its code is in the wasm.
macro_rules! light {
    ($page:ident) => {{
        #[cfg(feature = "ssr")]
        let view = view! { <crate::pages::$page/> }.into_any();
        #[cfg(not(feature = "ssr"))]
        let view = view! { <crate::light::LoadWhole/> }.into_any();
        view
    }};
}

/// One area's pages: an enum of them (passed across the split point as its discriminant), the
/// area's split function, and for each page a unit struct whose `LazyRoute` shows it.
macro_rules! area {
    ($area:ident, $load:ident, $preload:ident, { $($page:ident => $view:expr,)* }) => {
        #[derive(Clone, Copy)]
        #[repr(u8)]
        // Named as the pages and their routes are (`AdminAudit`), prefix and all.
        #[allow(clippy::enum_variant_names)]
        pub enum $area { $($page,)* }

        /// The area's pages, and the mark that the page is live.
        #[lazy]
        fn $load(page: $area) -> AnyView {
            let view = match page { $($area::$page => $view.into_any(),)* };
            (view, view! { <HydratedMark/> }).into_any()
        }

        $(
            pub struct $page;

            impl LazyRoute for $page {
                fn data() -> Self {
                    $page
                }

                async fn view(_this: Self) -> AnyView {
                    $load($area::$page).await
                }

                async fn preload() {
                    // The split exists only in the browser's wasm.
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )*
    };
}

area!(DirectoryArea, directory_area, __preload_directory_area, {
    Home => light!(HomePage),
    Directory => view! { <DirectoryPage/> },
    Tree => view! { <TreePage/> },
    Org => light!(OrgPage),
});

area!(SignInArea, sign_in_area, __preload_sign_in_area, {
    SignIn => light!(SignInPage),
    VerifyCode => light!(VerifyCodePage),
    ResetBinding => light!(ResetBindingPage),
    ForgotPassword => light!(ForgotPasswordPage),
    ForgotAccount => light!(ForgotAccountPage),
    ResendLink => light!(ResendLinkPage),
    // Where a subsystem's sign-in ends when Gatehouse will not go on to it.
    SubsystemRefused => view! { <SubsystemRefusedPage/> },
});

// Choosing a new password is an area of its own: its checks carry the common-password list
// (79 KB), which the sign-in page itself never needs.
area!(PasswordArea, password_area, __preload_password_area, {
    ResetPassword => light!(ResetPasswordPage),
    SetPassword => view! { <SetPasswordPage/> },
});

area!(AccountArea, account_area, __preload_account_area, {
    Account => view! { <AccountPage/> },
    Bind => view! { <BindPage/> },
    ChangePassword => view! { <ChangePasswordPage/> },
    Activity => view! { <ActivityPage/> },
    Profile => view! { <ProfilePage/> },
    SignInMethods => view! { <SignInMethodsPage/> },
    SubsystemConsent => view! { <SubsystemConsentPage/> },
    Terms => view! { <TermsOfUsePage/> },
});

// The public forms that look an organization up and ask a CAPTCHA.
area!(ApplyArea, apply_area, __preload_apply_area, {
    Apply => view! { <ApplyPage/> },
    MainRequest => view! { <MainRequestPage/> },
    AdminsLookup => light!(AdminsLookupPage),
});

area!(AdminArea, admin_area, __preload_admin_area, {
    AdminAccounts => view! { <AdminAccountsPage/> },
    AdminApplications => view! { <AdminApplicationsPage/> },
    AdminApplication => view! { <AdminApplicationPage/> },
    AdminOrgAdmins => view! { <AdminOrgAdminsPage/> },
    AdminAudit => view! { <AdminAuditPage/> },
    AdminOutbox => view! { <AdminOutboxPage/> },
    AdminAnnouncements => view! { <AdminAnnouncementsPage/> },
    AdminInventory => view! { <AdminInventoryPage/> },
    AdminOrganizations => view! { <AdminOrganizationsPage/> },
    AdminSubsystems => view! { <AdminSubsystemsPage/> },
    AdminTerms => view! { <AdminTermsPage/> },
    Members => view! { <MembersPage/> },
    MemberLog => view! { <MemberLogPage/> },
});

area!(InventoryArea, inventory_area, __preload_inventory_area, {
    Inventory => view! { <InventoryPage/> },
});

area!(DevArea, dev_area, __preload_dev_area, {
    PickerDemo => view! { <PickerDemoPage/> },
    Mailbox => view! { <MailboxPage/> },
    Sms => view! { <MailboxPage sms=true/> },
});
