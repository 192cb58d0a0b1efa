//! What the process tells its operators: structured logs (human-readable by default, JSON
//! lines with `GATEHOUSE_LOG_FORMAT=json`; levels from `RUST_LOG`, default `info`) and the
//! Prometheus metrics (`prometheus`, `requests`).

pub mod prometheus;
pub mod requests;

use tracing_subscriber::{fmt, EnvFilter};

pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tower_http=info"));
    let builder = fmt().with_env_filter(filter).with_target(true);
    // A second init (tests) is harmless: keep the first subscriber.
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}

/// A background job (`housekeeping`, `outbox`, `provider_logout`) finished a round: when, and
/// whether it failed, so that a job that stopped running or keeps failing shows.
pub fn job_ran(job: &'static str, ok: bool) {
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
    metrics::gauge!("gatehouse_job_last_run_timestamp_seconds", "job" => job).set(now);
    if !ok {
        metrics::counter!("gatehouse_job_failures_total", "job" => job).increment(1);
    }
}
