use leptos::prelude::*;

use super::Outcome;
use crate::{error::AppError, i18n::tr};

/// What refused an action, but for the fresh verification it asks for: that one is asked where
/// the action was started (a `StepUpForm` beside its button), not said here.
#[component]
pub fn StepUpAlert<T: Send + Sync + 'static>(outcome: Outcome<T>) -> impl IntoView {
    let refused = move || {
        outcome.with(|o| match o {
            Some(Err(AppError::StepUpRequired)) | Some(Ok(_)) | None => None,
            Some(Err(e)) => Some(tr(&e.message())),
        })
    };
    view! { <p role="alert" class="font-semibold text-red-800">{refused}</p> }
}

/// How many times an action changed something, to read a list again on: its `version`, but for
/// an answer asking for a fresh verification. That changed nothing, and a list read again on it
/// would draw its items anew and close the question that asks for the verification.
pub fn changes_but_step_up<T: Send + Sync + 'static>(
    version: impl Fn() -> usize + Send + Sync + 'static,
    outcome: Outcome<T>,
) -> Memo<usize> {
    Memo::new(move |last: Option<&usize>| {
        let version = version();
        let asked_to_verify = outcome.with(|o| matches!(o, Some(Err(AppError::StepUpRequired))));
        match last {
            Some(last) if asked_to_verify => *last,
            _ => version,
        }
    })
}
