//! What every request handler and server function shares. Server-only.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use std::sync::Arc;

use crate::{
    auth::{AuthSettings, PasswordHasher, RequestInfo},
    db::{orgs::DirectoryCache, DbPool},
};

/// What flows use of the process (the rest of `AppState` is the pages' and routes'). Cheap to
/// clone: every part is shared. Its units of work are in `flows::work`.
#[derive(Clone)]
pub struct Services {
    pub pool: DbPool,
    pub settings: Arc<AuthSettings>,
    pub hasher: PasswordHasher,
    /// Security keys and passkeys; `None` when the public URL cannot be a relying party.
    pub webauthn: Option<Arc<webauthn_rs::Webauthn>>,
    /// Sign-in with Google (or another OpenID Connect provider); `None` when not set up.
    pub oidc: Option<Arc<crate::auth::oidc::Provider>>,
    /// The provider's signing keys this process has opened.
    pub opened_keys: crate::auth::signing::OpenedKeys,
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// Development conveniences under `/dev/` (the component gallery, the development
    /// mailbox); without it those pages are not found.
    pub dev_mode: bool,
    /// The directory in memory for the search box.
    pub directory: DirectoryCache,
    pub services: Services,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, pool: DbPool, dev_mode: bool, settings: AuthSettings) -> Self {
        AppState {
            leptos_options,
            dev_mode,
            directory: DirectoryCache::default(),
            services: Services {
                pool,
                hasher: PasswordHasher::per_core(settings.hash_limits),
                webauthn: crate::auth::webauthn::relying_party(&settings.public_url),
                oidc: settings
                    .oidc
                    .clone()
                    .and_then(|oidc| crate::auth::oidc::Provider::new(oidc, &settings.public_url))
                    .map(Arc::new),
                opened_keys: Default::default(),
                settings: Arc::new(settings),
            },
        }
    }
}

/// The services of the state: what a server function hands its flow (`&state` is one).
impl std::ops::Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.services
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

/// The request's facts as a route's argument (`info: RequestInfo`), read from its parts with
/// this installation's settings (which cookie names, how many proxies are trusted).
impl axum::extract::FromRequestParts<AppState> for RequestInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut http::request::Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(RequestInfo::from_parts(parts, &state.settings))
    }
}

/// What a server function starts with: the state, and its request's facts with the response
/// it answers through.
pub fn request() -> Result<(AppState, RequestInfo), crate::error::AppError> {
    let state = app_state()?;
    let info = RequestInfo::current(&state.settings);
    Ok((state, info))
}
