//! What every request handler and server function shares. Server-only.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::db::DbPool;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: DbPool,
    /// Development conveniences under `/dev/` (the component gallery, later the development
    /// mailbox); without it those pages are not found.
    pub dev_mode: bool,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state inside a server function; `Internal` when a route forgot to provide it.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        crate::error::AppError::Internal
    })
}
