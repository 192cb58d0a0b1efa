use leptos::prelude::*;

use crate::{
    error::AppError,
    i18n::{tr, LocalText},
};

/// The last answer of a form's action, as `ServerAction::value()` holds it.
pub type Outcome<T> = MappedSignal<Option<Result<T, AppError>>>;

/// The error the server gave for `field`, to show at that field.
pub fn field_error<T: Send + Sync + 'static>(outcome: Outcome<T>, field: &'static str) -> Signal<Option<LocalText>> {
    Signal::derive(move || {
        outcome.with(|o| match o {
            Some(Err(AppError::Invalid { field: f, message })) if f == field => Some(message.clone()),
            _ => None,
        })
    })
}

/// A field's error: the shared rule's message for what is typed (nothing while it is empty),
/// else what the server said about it after a submission.
pub fn live_error(
    value: RwSignal<String>,
    rule: impl Fn(&str) -> Result<(), AppError> + Send + Sync + 'static,
    server: Signal<Option<LocalText>>,
) -> Signal<Option<LocalText>> {
    Signal::derive(move || {
        let typed = value.get();
        match (typed.is_empty(), rule(&typed)) {
            (false, Err(AppError::Invalid { message, .. })) => Some(message),
            _ => server.get(),
        }
    })
}

/// An error that belongs to no single field: a failed sign-in, an expired session, an outage.
#[component]
pub fn FormAlert<T: Send + Sync + 'static>(
    outcome: Outcome<T>,
    /// Fields shown beside their inputs; errors for any other field show here.
    fields: &'static [&'static str],
) -> impl IntoView {
    let message = move || {
        outcome.with(|o| match o {
            Some(Err(AppError::Invalid { field, .. })) if fields.contains(&field.as_str()) => None,
            Some(Err(e)) => Some(e.message()),
            _ => None,
        })
    };
    // On a page that answers a refused post to a server function (shown at the function's
    // address), the form says which page it is on, for a browser whose script did not put the
    // page's address back (`server/src/routes/light_forms/server_fns.rs`).
    let page = use_context::<crate::light::Posted>().and_then(|p| p.page);
    view! {
        <div role="alert" aria-atomic="true">
            {page.map(|page| view! { <input type="hidden" name="__page" value=page/> })}
            {move || message().map(|m: LocalText| view! {
                <p class="rounded-md border border-red-300 bg-red-50 px-4 py-3 font-semibold text-red-900">{tr(&m)}</p>
            })}
        </div>
    }
}
