use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::ErrorNotice;
use crate::{
    accounts::{Viewer, ViewerStage},
    error::AppError,
    i18n::{t, Msg},
};

/// Who is signed in, fetched once per page load and refetched after sign-in and sign-out.
pub type ViewerResource = Resource<Result<Option<Viewer>, AppError>>;

pub fn use_viewer() -> ViewerResource {
    expect_context::<ViewerResource>()
}

/// Which sessions may see a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Signed in, with nothing outstanding (most pages).
    SignedIn,
    /// Signed in, even with an expired password (the change-password page).
    SignedInAnyPassword,
    /// Password accepted, authenticator code due.
    CodeStep,
    /// No factor yet (forced binding), or signed in (rebinding).
    Binding,
    /// The central authority.
    Central,
    /// Who reviews account applications: the central authority and organization admins.
    Reviewer,
    /// A main account, for 子帳號管理 (as `permissions` decides).
    MainAccount,
}

impl Access {
    fn admits(self, v: &Viewer) -> bool {
        match self {
            Access::SignedIn => v.stage == ViewerStage::Full && !v.password_expired,
            Access::SignedInAnyPassword => v.stage == ViewerStage::Full,
            Access::CodeStep => v.stage == ViewerStage::NeedsCode,
            Access::Binding => matches!(v.stage, ViewerStage::NeedsBinding | ViewerStage::Full) && !v.password_expired,
            Access::Central => {
                v.stage == ViewerStage::Full && !v.password_expired && v.role == crate::accounts::Role::Central
            }
            Access::MainAccount => {
                use crate::permissions::{decide, Action, Actor, Decision};
                let actor = Actor { role: v.role, org_id: v.org_id, grants: Vec::new(), functions: Vec::new() };
                v.stage == ViewerStage::Full
                    && !v.password_expired
                    && decide(Some(&actor), Action::ManageMembers(v.org_id)) == Decision::Allow
            }
            Access::Reviewer => {
                use crate::accounts::Role;
                v.stage == ViewerStage::Full && !v.password_expired && matches!(v.role, Role::Central | Role::OrgAdmin)
            }
        }
    }
}

/// Renders `render(viewer)` when the session is admitted; otherwise sends the user where they
/// must go (sign-in, the code, binding, a password change). Routes using it render whole on
/// the server (`SsrMode::Async`) so that the redirect is a real 302.
#[component]
pub fn Protected<F>(access: Access, render: F) -> impl IntoView
where
    F: Fn(Viewer) -> AnyView + Clone + Send + Sync + 'static,
{
    let viewer = use_viewer();
    view! {
        <Suspense fallback=move || view! { <p>{t(Msg::Loading)}</p> }>
            {
                let render = render.clone();
                move || {
                    let render = render.clone();
                    Suspend::new(async move {
                        match viewer.await {
                            Ok(Some(v)) if access.admits(&v) => render(v),
                            Ok(Some(v)) => {
                                let path = v.required_path().unwrap_or("/");
                                let path = if access == Access::Central && path == "/" { "/account" } else { path };
                                view! { <Redirect path=path/> }.into_any()
                            }
                            Ok(None) => view! { <Redirect path="/sign-in"/> }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })
                }
            }
        </Suspense>
    }
}
