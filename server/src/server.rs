//! Starting the web server.

use app::state::AppState;
use leptos::prelude::LeptosOptions;

use crate::{config::Config, database, demo, router::router};

/// Leptos settings: from cargo-leptos' environment when it built us, with our defaults
/// otherwise (plain `cargo build`, tests).
pub fn leptos_options() -> LeptosOptions {
    // Asking leptos_config without an output name makes it print advice to stderr; only ask
    // when cargo-leptos (at build time) or the environment gave one.
    let named = option_env!("LEPTOS_OUTPUT_NAME").is_some() || std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    if let Some(conf) = named.then(|| leptos::prelude::get_configuration(None).ok()).flatten() {
        return conf.leptos_options;
    }
    let addr = std::env::var("LEPTOS_SITE_ADDR").ok().and_then(|a| a.parse().ok());
    LeptosOptions::builder()
        .output_name("gatehouse")
        .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
        .site_addr(addr.unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], 3000))))
        .build()
}

/// The state of one server process over `pool`.
pub fn app_state(pool: app::db::DbPool, dev_mode: bool) -> AppState {
    AppState { leptos_options: leptos_options(), pool, dev_mode }
}

pub async fn serve(config: Config) -> Result<(), crate::Error> {
    let pool = database::open(&config.database_url, config.pool_size)?;
    if config.demo_data && demo::directory_is_empty(&pool).await? {
        for report in demo::load(&pool).await? {
            tracing::info!(%report, "demo directory loaded");
        }
    }
    let state = app_state(pool, config.dev_mode);
    let addr = state.leptos_options.site_addr;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| crate::Error::Io(format!("{addr}: {e}")))?;
    tracing::info!("listening on http://{addr}");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| crate::Error::Io(e.to_string()))
}
