//! Starting the web server.

use std::{
    future::IntoFuture,
    net::SocketAddr,
    sync::{Arc, OnceLock},
};

use app::state::AppState;
use axum::{extract::Request, response::IntoResponse, routing::get, Router};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

use crate::{config::Config, database, delivery, demo, router::router};

/// Leptos settings: from cargo-leptos' environment when it built us, with our defaults
/// otherwise (plain `cargo build`, tests).
pub fn leptos_options() -> LeptosOptions {
    // Asking leptos_config without an output name makes it print advice to stderr; only ask
    // when cargo-leptos (at build time) or the environment gave one.
    let named = option_env!("LEPTOS_OUTPUT_NAME").is_some() || std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    let mut options = match named.then(|| leptos::prelude::get_configuration(None).ok()).flatten() {
        Some(conf) => conf.leptos_options,
        None => {
            let addr = std::env::var("LEPTOS_SITE_ADDR").ok().and_then(|a| a.parse().ok());
            LeptosOptions::builder()
                .output_name("gatehouse")
                .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
                .site_addr(addr.unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], 3000))))
                .build()
        }
    };
    // cargo-leptos names the site's files after their content (`hash-files` in Cargo.toml) and
    // writes the names beside the binary; it says so in the environment only to the server it
    // starts itself, so a server started any other way looks for that file.
    options.hash_files |= hash_file_beside_binary(&options.hash_file);
    options
}

fn hash_file_beside_binary(name: &str) -> bool {
    std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join(name))).is_some_and(|p| p.is_file())
}

/// The state of one server process over `pool`, with default account settings.
pub fn app_state(pool: app::db::DbPool, dev_mode: bool) -> AppState {
    app_state_with(pool, dev_mode, app::auth::AuthSettings::default())
}

pub fn app_state_with(pool: app::db::DbPool, dev_mode: bool, auth: app::auth::AuthSettings) -> AppState {
    AppState::new(leptos_options(), pool, dev_mode, auth)
}

/// Serves until SIGINT or SIGTERM. The address answers from the first moment: while the
/// database is migrated (which may wait for another server's migration) and the keys are
/// opened, `/healthz` says the process is alive and `/readyz` that it is not ready, so a load
/// balancer sends it nothing and an operator sees why.
pub async fn serve(config: Config) -> Result<(), crate::Error> {
    let addr = leptos_options().site_addr;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| crate::Error::Io(format!("{addr}: {e}")))?;
    tracing::info!(version = crate::routes::health::VERSION, "listening on http://{addr}");
    if config.metrics.enabled() {
        // Before anything runs, so that the first round of each background job is counted.
        crate::telemetry::prometheus::install();
        tokio::spawn(crate::telemetry::prometheus::upkeep());
    }
    let ready = Arc::new(OnceLock::new());
    // Peer addresses reach the audit log through ConnectInfo.
    let serving =
        axum::serve(listener, starting_router(ready.clone()).into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown_signal());
    let mut serving = tokio::spawn(serving.into_future());
    let state = tokio::select! {
        prepared = prepare(&config) => prepared?,
        ended = &mut serving => return stopped(ended),
    };
    let mut app = router(state.clone());
    if let Some(token) = config.metrics.token.clone() {
        let metrics = Router::new()
            .route(
                "/metrics",
                get(move |state, headers| crate::telemetry::prometheus::with_token(state, token, headers)),
            )
            .with_state(state.clone());
        app = app.merge(metrics);
    }
    if let Some(metrics_addr) = config.metrics.address {
        let listener = tokio::net::TcpListener::bind(metrics_addr)
            .await
            .map_err(|e| crate::Error::Io(format!("{metrics_addr}: {e}")))?;
        let state = state.clone();
        let metrics = Router::new()
            .route("/metrics", get(move || async move { crate::telemetry::prometheus::exposition(&state).await }));
        tracing::info!("metrics on http://{metrics_addr}/metrics");
        tokio::spawn(async move { axum::serve(listener, metrics).await });
    }
    if ready.set(app).is_err() {
        return Err(crate::Error::Io("the application was made twice".into()));
    }
    tracing::info!("ready");
    stopped(serving.await)
}

/// How the serving task ended.
fn stopped(ended: Result<std::io::Result<()>, tokio::task::JoinError>) -> Result<(), crate::Error> {
    ended.map_err(|e| crate::Error::Io(e.to_string()))?.map_err(|e| crate::Error::Io(e.to_string()))
}

/// Everything a server needs before it takes traffic: the database migrated, the keys
/// opened, the demo data when asked, the background workers started; returns the state.
async fn prepare(config: &Config) -> Result<AppState, crate::Error> {
    let (url, size) = (config.database_url.clone(), config.pool_size);
    let pool = tokio::task::spawn_blocking(move || database::open(&url, size))
        .await
        .map_err(|e| crate::Error::Io(e.to_string()))??;
    app::auth::at_rest::prepare(&pool, &config.auth.keys).await?;
    if config.demo_data && demo::directory_is_empty(&pool).await? {
        for report in demo::load(&pool).await? {
            tracing::info!(%report, "demo directory loaded");
        }
    }
    if config.demo_data {
        demo::accounts(&pool, &config.auth).await?;
    }
    let worker = delivery::Worker::new(pool.clone(), &config.delivery, config.auth.outbox_max_attempts)
        .map_err(crate::Error::Io)?;
    if worker.has_transport() {
        tokio::spawn(worker.run(std::time::Duration::from_secs(5)));
    } else {
        tracing::info!(
            "no SMTP or SMS gateway configured: messages stay in the outbox (see /dev/mailbox in development)"
        );
    }
    tokio::spawn(crate::housekeeping::run(pool.clone(), config.auth.sweep_rules(), crate::housekeeping::EVERY));
    let state = app_state_with(pool, config.dev_mode, config.auth.clone());
    if let Some(addr) = config.demo_subsystem.filter(|_| config.demo_data) {
        // A demo: Gatehouse serves on without it.
        if let Err(e) = crate::demo_subsystem::start(&state.services, &config.auth.public_url, addr).await {
            tracing::warn!(error = %e, "the demo subsystem did not start");
        }
    }
    tokio::spawn(delivery::ProviderWorker::new(state.services.clone()).run(std::time::Duration::from_secs(2)));
    let options = &state.leptos_options;
    let stale = crate::precompress::prune_stale(std::path::Path::new(&format!(
        "{}/{}",
        options.site_root, options.site_pkg_dir
    )));
    if stale > 0 {
        tracing::warn!(stale, "removed precompressed copies older than their files (a later build replaced them)");
    }
    Ok(state)
}

/// The listener's router: the application once it is set in `ready`, `health::starting`
/// until then.
fn starting_router(ready: Arc<OnceLock<Router>>) -> Router {
    Router::new().fallback(move |request: Request| {
        let ready = ready.clone();
        async move {
            match ready.get() {
                Some(app) => app.clone().oneshot(request).await.into_response(),
                None => crate::routes::health::starting(request.uri().path()),
            }
        }
    })
}

/// Ctrl-C, or SIGTERM (what systemd and container runtimes send): requests under way finish.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests under way");
}
