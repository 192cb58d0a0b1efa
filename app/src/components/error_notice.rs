use leptos::prelude::*;

use crate::{error::AppError, i18n::tr};

/// An error, said in the reader's language and announced to screen readers.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    view! {
        <p role="alert" class="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
            {tr(&error.message())}
        </p>
    }
}
