//! The provider's worker: it delivers back-channel logout tokens to the subsystems
//! (`app::flows::provider::logout`), trying again later with a growing delay, and now and
//! then rotates the signing keys when their time has come and forgets spent codes and tokens.
//! Every server runs one; each delivery is claimed before it is sent, so one server sends it.

use std::time::Duration;

use app::{
    db::{now, oidc},
    flows::{provider, work::Services},
};

use super::backoff;

/// How often the keys' schedule and the spent tokens are looked at.
const MAINTAIN_EVERY: Duration = Duration::from_secs(600);
/// A logout that fails this many times is given up (its tokens were revoked all the same).
const MAX_ATTEMPTS: i32 = 10;
/// How long a claimed delivery is this server's before another may take it.
const LEASE_SECONDS: i64 = 60;

pub struct ProviderWorker {
    services: Services,
    http: reqwest::Client,
}

impl ProviderWorker {
    pub fn new(services: Services) -> ProviderWorker {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        ProviderWorker { services, http }
    }

    /// Delivers every due logout once; how many were accepted.
    pub async fn deliver_due(&self) -> Result<usize, app::error::AppError> {
        let due = self.services.read(|conn| Ok(oidc::due_logouts(conn, now(), MAX_ATTEMPTS, 50)?)).await?;
        let mut delivered = 0;
        for delivery in due {
            let (id, settings, opened) =
                (delivery.id, self.services.settings.clone(), self.services.opened_keys.clone());
            let claimed = self
                .services
                .pool
                .run(move |conn| {
                    let at = now();
                    if !oidc::claim_logout(conn, id, at, at + LEASE_SECONDS)? {
                        return Ok(None);
                    }
                    provider::logout::logout_token(conn, (&settings, &opened), &delivery).map(|t| Some((t, delivery)))
                })
                .await?;
            let Some((token, delivery)) = claimed else { continue };
            let answer = self.http.post(&delivery.uri).form(&[("logout_token", token.as_str())]).send().await;
            let outcome = match answer {
                Ok(r) if r.status().is_success() => Ok(()),
                Ok(r) => Err(format!("answered {}", r.status())),
                Err(e) => Err(e.to_string()),
            };
            let attempts = delivery.attempts;
            let recorded = outcome.clone();
            self.services
                .pool
                .run(move |conn| {
                    let at = now();
                    match &recorded {
                        Ok(()) => oidc::logout_delivered(conn, id, at)?,
                        Err(e) => oidc::logout_failed(conn, id, e, at + backoff(attempts))?,
                    }
                    Ok(())
                })
                .await?;
            if outcome.is_ok() {
                delivered += 1;
            } else {
                tracing::warn!(client = %delivery.client_id, error = ?outcome, "a back-channel logout was not accepted");
            }
        }
        Ok(delivered)
    }

    /// Rotates the signing keys if a current one has signed for its period.
    pub async fn maintain(&self) -> Result<(), app::error::AppError> {
        let due = self.services.read(|conn| provider::keys::rotation_due(conn, now())).await?;
        if due {
            self.services.write(&Default::default(), |work| Ok(provider::keys::rotate(work, None)?)).await?;
            tracing::info!("signing keys rotated on schedule");
        }
        let keys = self.services.settings.keys.clone();
        self.services.pool.write(move |conn| provider::keys::ensure(conn, &keys, now())).await?;
        self.services.read(|conn| Ok(oidc::delete_expired(conn, now(), 24 * 60 * 60)?)).await?;
        Ok(())
    }

    /// Runs for ever: deliveries every `every`, the rest every ten minutes.
    pub async fn run(self, every: Duration) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_maintained: Option<tokio::time::Instant> = None;
        loop {
            tick.tick().await;
            if last_maintained.is_none_or(|at| at.elapsed() >= MAINTAIN_EVERY) {
                if let Err(e) = self.maintain().await {
                    tracing::warn!(error = %e, "provider maintenance failed");
                }
                last_maintained = Some(tokio::time::Instant::now());
            }
            let done = self.deliver_due().await;
            if let Err(e) = &done {
                tracing::warn!(error = %e, "back-channel logout delivery failed");
            }
            crate::telemetry::job_ran("provider", done.is_ok());
        }
    }
}
