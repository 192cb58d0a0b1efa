//! Delivering the outbox: a worker that sends due mail over SMTP and SMS through a gateway,
//! and on failure tries again later with a growing delay. The outbox is a table, so a message
//! survives a restart or a mail server that is down; it leaves when it is accepted. Every
//! server runs a worker; each message is claimed before it is sent, so one server sends it.

mod logout;
mod sms;
mod smtp;

use std::time::Duration;

use app::db::{
    now,
    outbox::{self, Channel, Message},
    DbPool,
};

pub use logout::ProviderWorker;
pub use sms::{HttpGateway, SmsGateway};
pub use smtp::SmtpMailer;

use crate::config::DeliverySettings;

/// Delay before attempt `n + 1` after `n` failures: 30 s doubling to at most one hour.
pub fn backoff(attempts: i32) -> i64 {
    let exp = attempts.clamp(0, 7) as u32;
    (30_i64 << exp).min(3600)
}

pub struct Worker {
    pool: DbPool,
    max_attempts: i32,
    lease_seconds: i64,
    mailer: Option<SmtpMailer>,
    sms: Option<HttpGateway>,
}

impl Worker {
    pub fn new(pool: DbPool, settings: &DeliverySettings, max_attempts: i32) -> Result<Worker, String> {
        let mailer = settings.smtp.as_ref().map(SmtpMailer::new).transpose()?;
        let sms = settings.sms.as_ref().map(HttpGateway::new);
        Ok(Worker { pool, max_attempts, lease_seconds: settings.lease_seconds, mailer, sms })
    }

    /// Whether anything leaves at all; without a transport, messages stay readable in the
    /// outbox (and on the development mailbox).
    pub fn has_transport(&self) -> bool {
        self.mailer.is_some() || self.sms.is_some()
    }

    /// Sends every due message once; returns how many were sent.
    pub async fn run_once(&self) -> Result<usize, app::error::AppError> {
        let mut sent = 0;
        if let Some(mailer) = &self.mailer {
            sent += self.drain(Channel::Email, |m| mailer.send(m)).await?;
        }
        if let Some(sms) = &self.sms {
            sent += self.drain(Channel::Sms, |m| sms.send(m)).await?;
        }
        Ok(sent)
    }

    async fn drain<'a, F, Fut>(&self, channel: Channel, send: F) -> Result<usize, app::error::AppError>
    where
        F: Fn(Message) -> Fut,
        Fut: std::future::Future<Output = Result<(), String>> + 'a,
    {
        let (max, lease) = (self.max_attempts, self.lease_seconds);
        let due = self.pool.run(move |conn| Ok(outbox::due(conn, channel, now(), max, 50)?)).await?;
        let mut sent = 0;
        for message in due {
            let (id, attempts) = (message.id, message.attempts);
            // Another server may have read the same due messages: send only what this one takes.
            let taken = self
                .pool
                .run(move |conn| {
                    let at = now();
                    Ok(outbox::claim(conn, id, at, at + lease)?)
                })
                .await?;
            if !taken {
                continue;
            }
            match send(message).await {
                Ok(()) => {
                    self.pool.run(move |conn| Ok(outbox::mark_sent(conn, id, now())?)).await?;
                    metrics::counter!("gatehouse_outbox_sent_total", "channel" => channel.as_str()).increment(1);
                    sent += 1;
                }
                Err(error) => {
                    metrics::counter!("gatehouse_outbox_failures_total", "channel" => channel.as_str()).increment(1);
                    if attempts + 1 >= self.max_attempts {
                        // No longer due (`outbox::due`); the central authority sees it at /admin/outbox.
                        tracing::error!(id, attempts = attempts + 1, %error, "delivery failed; giving up");
                    } else {
                        tracing::warn!(id, attempts, %error, "delivery failed; will retry");
                    }
                    let retry = now() + backoff(attempts);
                    self.pool.run(move |conn| Ok(outbox::mark_failed(conn, id, &error, retry)?)).await?;
                }
            }
        }
        Ok(sent)
    }

    /// Runs for ever, every `every`.
    pub async fn run(self, every: Duration) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let done = self.run_once().await;
            if let Err(e) = &done {
                tracing::warn!(error = %e, "outbox pass failed");
            }
            crate::telemetry::job_ran("outbox", done.is_ok());
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(super::backoff(0), 30);
        assert_eq!(super::backoff(1), 60);
        assert_eq!(super::backoff(5), 960);
        assert_eq!(super::backoff(7), 3600);
        assert_eq!(super::backoff(50), 3600);
    }
}
