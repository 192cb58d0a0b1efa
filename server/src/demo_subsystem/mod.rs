//! The demo subsystem (示範子系統): a small relying party that signs its users in through
//! Gatehouse's OpenID Connect provider, so that the whole path (sign-in, consent, the ID token,
//! userinfo, RP-initiated and back-channel logout) can be tried on one machine with
//! `make run`. It does what a school's own system would do, with the `openidconnect` crate as
//! its client library. It keeps its sessions in memory and listens on its own address, on
//! another host name than Gatehouse's, so that the browser keeps the two sites' cookies apart
//! as it would for two real sites.

mod backchannel;
mod pages;
mod provider;
pub mod register;
mod routes;
mod sessions;

use std::sync::Arc;

use axum::{
    routing::{get, post},
    Router,
};

/// What the demo subsystem needs to know.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Gatehouse's issuer: its public URL.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Where the demo subsystem is reached, e.g. `http://127.0.0.1:3001` (no trailing slash):
    /// its redirect and post-logout addresses are made from it.
    pub base_url: String,
}

/// The state the handlers share.
#[derive(Clone)]
struct Demo {
    settings: Arc<Settings>,
    provider: Arc<provider::Provider>,
    sessions: Arc<sessions::Sessions>,
}

/// The demo subsystem's routes. Gatehouse need not be up yet: the provider is discovered at
/// the first sign-in.
pub fn router(settings: Settings) -> Router {
    let demo = Demo {
        provider: Arc::new(provider::Provider::new(&settings)),
        settings: Arc::new(settings),
        sessions: Arc::new(sessions::Sessions::default()),
    };
    Router::new()
        .route("/", get(routes::home))
        .route("/login", get(routes::login))
        .route("/callback", get(routes::callback))
        .route("/logout", get(routes::logout))
        .route("/backchannel-logout", post(backchannel::receive))
        .with_state(demo)
}

/// Serves the demo subsystem on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, settings: Settings) -> std::io::Result<()> {
    axum::serve(listener, router(settings)).await
}

/// What `make run` does with demo data on: registers the subsystem `demo` at `addr` with a
/// fresh secret, grants it to the demo teacher, and serves it there in the background.
pub async fn start(
    services: &app::flows::work::Services,
    issuer: &str,
    addr: std::net::SocketAddr,
) -> Result<(), crate::Error> {
    let base_url = format!("http://{addr}");
    let client_secret = register::register(services, &base_url).await?;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| crate::Error::Io(format!("{addr}: {e}")))?;
    let settings = Settings {
        issuer: issuer.trim_end_matches('/').to_string(),
        client_id: register::CODE.into(),
        client_secret,
        base_url,
    };
    tracing::info!("demo subsystem on {} (signs in through Gatehouse)", settings.base_url);
    tokio::spawn(async move {
        if let Err(e) = serve(listener, settings).await {
            tracing::warn!(error = %e, "the demo subsystem stopped");
        }
    });
    Ok(())
}
