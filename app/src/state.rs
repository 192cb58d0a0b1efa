//! What every request handler and server function shares. Server-only.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use std::sync::Arc;

use crate::{
    auth::{AuthSettings, PasswordHasher},
    db::{orgs::DirectoryCache, DbPool},
};

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: DbPool,
    /// Development conveniences under `/dev/` (the component gallery, the development
    /// mailbox); without it those pages are not found.
    pub dev_mode: bool,
    pub auth: Arc<AuthSettings>,
    pub hasher: PasswordHasher,
    /// The directory in memory for the search box.
    pub directory: DirectoryCache,
    /// Security keys and passkeys; `None` when the public URL cannot be a relying party.
    pub webauthn: Option<Arc<webauthn_rs::Webauthn>>,
    /// Sign-in with Google (or another OpenID Connect provider); `None` when not set up.
    pub oidc: Option<Arc<crate::auth::oidc::Provider>>,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, pool: DbPool, dev_mode: bool, auth: AuthSettings) -> Self {
        AppState {
            leptos_options,
            pool,
            dev_mode,
            hasher: PasswordHasher::per_core(auth.hash_limits),
            directory: DirectoryCache::default(),
            webauthn: crate::auth::webauthn::relying_party(&auth.public_url),
            oidc: auth
                .oidc
                .clone()
                .and_then(|settings| crate::auth::oidc::Provider::new(settings, &auth.public_url))
                .map(Arc::new),
            auth: Arc::new(auth),
        }
    }
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
