use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::use_viewer;
use crate::accounts::SignInNext;

/// Where a finished sign-in step leads (`SignInNext`), with the viewer read again. A sign-in
/// that a subsystem asked for goes back to the provider, a server route outside the app, and
/// home is a light page (`crate::light`) that the router does not draw: those are full page
/// loads, not the router's.
pub fn use_go_next() -> Callback<SignInNext> {
    let viewer = use_viewer();
    let navigate = use_navigate();
    Callback::new(move |next: SignInNext| {
        viewer.refetch();
        if next.leaves_the_app() || crate::light::is_light(next.path()) {
            crate::light::load_whole(next.path());
        } else {
            navigate(next.path(), Default::default());
        }
    })
}
