-- Accounts hardening: when a session last proved a second factor (step-up for credential
-- changes), and counters that limit how often mail and SMS can be sent.

ALTER TABLE sessions ADD COLUMN verified_at BIGINT;

-- One row per limited key (an account's or a client address's sending, say) and window.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_started_at BIGINT NOT NULL,
    count INTEGER NOT NULL
);
