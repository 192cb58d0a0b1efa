//! The housekeeping sweep (`app::db::housekeeping`) at start and then every ten minutes, so a
//! server that runs for years keeps its tables to what can still matter. Any number of servers
//! may sweep the same database: each rule deletes by age, and deleting twice deletes nothing.

use std::time::Duration;

use app::db::{
    housekeeping::{self, SweepRules, Swept},
    now, DbPool,
};

pub const EVERY: Duration = Duration::from_secs(600);

pub async fn sweep_once(pool: &DbPool, rules: SweepRules) -> Result<Swept, app::error::AppError> {
    pool.run(move |conn| Ok(housekeeping::sweep(conn, now(), rules)?)).await
}

/// Runs for ever, every `every`.
pub async fn run(pool: DbPool, rules: SweepRules, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let done = sweep_once(&pool, rules).await;
        match &done {
            Ok(swept) if swept.total() > 0 => tracing::info!(?swept, "housekeeping"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "housekeeping sweep failed"),
        }
        crate::telemetry::job_ran("housekeeping", done.is_ok());
    }
}
