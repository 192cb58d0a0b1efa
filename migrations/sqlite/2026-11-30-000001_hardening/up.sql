-- Accounts hardening: when a session last proved a second factor (step-up for credential
-- changes), counters that limit how often mail and SMS can be sent, and which template an
-- outbox message was (its body is blanked once delivered: codes do not linger).

ALTER TABLE sessions ADD COLUMN verified_at BIGINT;

-- One row per limited key (an account's or a client address's sending, say) and window.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_started_at BIGINT NOT NULL,
    count INTEGER NOT NULL
);

ALTER TABLE outbox ADD COLUMN template TEXT NOT NULL DEFAULT '';
