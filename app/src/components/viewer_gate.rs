use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location};

use super::{ErrorNotice, Loading};
use crate::{
    accounts::{Viewer, ViewerStage},
    error::AppError,
    permissions::{Action, Actor},
};

/// Who is signed in, fetched once per page load and refetched after sign-in and sign-out.
pub type ViewerResource = Resource<Result<Option<Viewer>, AppError>>;

pub fn use_viewer() -> ViewerResource {
    expect_context::<ViewerResource>()
}

/// Which sessions may see a page.
#[derive(Clone, Copy)]
pub enum Access {
    /// Signed in, with nothing outstanding (most pages).
    SignedIn,
    /// Signed in, even with an expired password (the change-password page).
    SignedInAnyPassword,
    /// Password accepted, authenticator code due.
    CodeStep,
    /// No factor yet (forced binding), or signed in (rebinding).
    Binding,
    /// Signed in and allowed the action this makes of the viewer's actor (its own
    /// organization's, say): `permissions` decides, as it does for the page's server calls.
    May(fn(&Actor) -> Action),
}

impl Access {
    fn admits(self, v: &Viewer) -> bool {
        match self {
            Access::SignedIn => v.stage == ViewerStage::Full && !v.password_expired && !v.terms_pending,
            Access::SignedInAnyPassword => v.stage == ViewerStage::Full,
            Access::CodeStep => v.stage == ViewerStage::NeedsCode,
            Access::Binding => {
                matches!(v.stage, ViewerStage::NeedsBinding | ViewerStage::Full)
                    && !v.password_expired
                    && !v.terms_pending
            }
            Access::May(action) => v.may(action),
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
    // Where this page is, to tell a session that ended here from one that ended while the page
    // was being left (登出 sends the browser home while this page is still mounted).
    let location = use_location();
    let here = location.pathname.get_untracked();
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {
                let render = render.clone();
                move || {
                    let (render, here) = (render.clone(), here.clone());
                    Suspend::new(async move {
                        match viewer.await {
                            Ok(Some(v)) if access.admits(&v) => render(v),
                            Ok(Some(v)) => {
                                // What must come first; else a page the rules keep from this
                                // account sends it to its own tools, a finished step home.
                                let elsewhere = if matches!(access, Access::May(_)) { "/account" } else { "/" };
                                let path = v.required_path().unwrap_or(elsewhere);
                                view! { <Redirect path=path/> }.into_any()
                            }
                            // Left already: the page that comes next decides, not this one.
                            Ok(None) if location.pathname.get_untracked() != here => ().into_any(),
                            Ok(None) => view! { <Redirect path="/sign-in"/> }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })
                }
            }
        </Suspense>
    }
}
