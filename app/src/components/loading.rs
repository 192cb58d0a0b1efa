use leptos::prelude::*;

use crate::i18n::{t, Msg};

/// What a part of a page shows while its data is on the way: a line that says so. One
/// component, so that every wait looks and reads the same. `status` makes it a live region,
/// for a page that is nothing else while it loads.
#[component]
pub fn Loading(#[prop(optional)] status: bool) -> impl IntoView {
    view! { <p role=status.then_some("status")>{t(Msg::Loading)}</p> }
}
