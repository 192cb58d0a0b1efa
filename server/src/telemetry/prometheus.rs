//! The Prometheus text endpoint. Counters and histograms are recorded where things happen
//! (`metrics::counter!` in the flows, the audit log, the hashing queue, the request layer);
//! the levels (the pool, the hashing queue, the outbox) are read when Prometheus asks, so they
//! are never stale and cost nothing between scrapes. Nothing is recorded until `install` runs,
//! which `serve` does only when metrics are configured (`MetricsSettings`).

use std::sync::OnceLock;

use app::{db::outbox, state::AppState};
use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use metrics::{describe_counter, describe_gauge, describe_histogram, gauge, Unit};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Request latency buckets, in seconds: a page is expected in tens of milliseconds, a
/// password check in a few hundred, an import in seconds.
const LATENCY_BUCKETS: [f64; 12] = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// Installs the process's recorder; `None` when another was installed first.
pub fn install() -> Option<&'static PrometheusHandle> {
    if let Some(handle) = HANDLE.get() {
        return Some(handle);
    }
    let installed = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_duration_seconds".into()), &LATENCY_BUCKETS)
        .and_then(PrometheusBuilder::install_recorder);
    match installed {
        Ok(handle) => {
            let _ = HANDLE.set(handle);
            describe();
            gauge!("gatehouse_build_info", "version" => env!("CARGO_PKG_VERSION")).set(1.0);
            HANDLE.get()
        }
        Err(e) => {
            tracing::warn!(error = %e, "metrics recorder not installed");
            None
        }
    }
}

fn describe() {
    describe_counter!("gatehouse_http_requests_total", "HTTP requests answered, by route, method and status.");
    describe_histogram!(
        "gatehouse_http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer an HTTP request, by route and method."
    );
    describe_counter!(
        "gatehouse_sign_in_steps_total",
        "Sign-in steps as audited: step (sign_in, second_factor, passkey_sign_in, oidc_sign_in), method and outcome."
    );
    describe_counter!("gatehouse_lockouts_total", "Accounts locked after too many failed attempts.");
    describe_gauge!("gatehouse_password_hash_jobs", "Password hashing jobs admitted and not finished.");
    describe_counter!("gatehouse_password_hash_refused_total", "Requests refused because the hashing queue was full.");
    describe_gauge!("gatehouse_outbox_waiting", "Messages waiting to be sent, by channel.");
    describe_gauge!(
        "gatehouse_outbox_oldest_waiting_age_seconds",
        Unit::Seconds,
        "Age of the oldest message waiting to be sent, by channel."
    );
    describe_gauge!("gatehouse_outbox_given_up", "Messages the outbox gave up delivering.");
    describe_counter!("gatehouse_outbox_sent_total", "Messages delivered, by channel.");
    describe_counter!("gatehouse_outbox_failures_total", "Delivery attempts that failed, by channel.");
    describe_gauge!("gatehouse_db_pool_connections", "Database connections of this process, by state.");
    describe_gauge!("gatehouse_db_pool_max", "The most database connections this process opens.");
    describe_gauge!("gatehouse_db_pool_waiting", "Tasks waiting for a database connection.");
    describe_gauge!("gatehouse_job_last_run_timestamp_seconds", "When a background job last finished a round.");
    describe_counter!("gatehouse_job_failures_total", "Rounds of a background job that failed.");
    describe_gauge!("gatehouse_build_info", "The running release (version label); always 1.");
}

/// `GET /metrics` on the public address: only with the configured token.
pub async fn with_token(State(state): State<AppState>, token: String, headers: HeaderMap) -> Response {
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    match given {
        Some(given) if app::auth::same(given, &token) => exposition(&state).await,
        _ => (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response(),
    }
}

/// The metrics in Prometheus' text format, with the levels read now.
pub async fn exposition(state: &AppState) -> Response {
    let Some(handle) = HANDLE.get() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    sample(state).await;
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], handle.render()).into_response()
}

/// Sets the levels: the pool, the hashing queue and the outbox (one query).
async fn sample(state: &AppState) {
    let pool = state.pool.status();
    gauge!("gatehouse_db_pool_connections", "state" => "in_use").set(pool.open.saturating_sub(pool.idle) as f64);
    gauge!("gatehouse_db_pool_connections", "state" => "idle").set(pool.idle as f64);
    gauge!("gatehouse_db_pool_max").set(pool.max as f64);
    gauge!("gatehouse_db_pool_waiting").set(pool.waiting as f64);
    gauge!("gatehouse_password_hash_jobs").set(state.hasher.jobs() as f64);
    let max_attempts = state.settings.outbox_max_attempts;
    let Ok(backlog) = state.pool.run(move |conn| Ok(outbox::backlog(conn, max_attempts)?)).await else {
        // The database is out: the outbox's levels are unknown, and readiness says so.
        return;
    };
    let now = app::db::now();
    for channel in [outbox::Channel::Email, outbox::Channel::Sms] {
        let (waiting, oldest) = backlog
            .waiting
            .iter()
            .find(|(c, _, _)| c == channel.as_str())
            .map(|(_, n, oldest)| (*n, oldest.map_or(0, |at| (now - at).max(0))))
            .unwrap_or((0, 0));
        gauge!("gatehouse_outbox_waiting", "channel" => channel.as_str()).set(waiting as f64);
        gauge!("gatehouse_outbox_oldest_waiting_age_seconds", "channel" => channel.as_str()).set(oldest as f64);
    }
    gauge!("gatehouse_outbox_given_up").set(backlog.given_up as f64);
}

/// Keeps the recorder's histograms drained between scrapes (the exporter's upkeep), so that a
/// server nobody scrapes does not grow.
pub async fn upkeep() {
    let Some(handle) = HANDLE.get() else { return };
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        tick.tick().await;
        handle.run_upkeep();
    }
}
