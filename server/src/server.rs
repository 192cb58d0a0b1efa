//! Starting the web server.

use app::state::AppState;
use leptos::prelude::LeptosOptions;

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

pub async fn serve(config: Config) -> Result<(), crate::Error> {
    let pool = database::open(&config.database_url, config.pool_size)?;
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
    let addr = state.leptos_options.site_addr;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| crate::Error::Io(format!("{addr}: {e}")))?;
    tracing::info!("listening on http://{addr}");
    // Peer addresses reach the audit log through ConnectInfo.
    axum::serve(listener, router(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| crate::Error::Io(e.to_string()))
}
