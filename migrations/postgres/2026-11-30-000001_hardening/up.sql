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

-- The audit log's vocabulary, checked like every other stored enum (the code reads it
-- strictly). A new event needs a migration that widens this list.
ALTER TABLE audit_events ADD CONSTRAINT audit_events_event CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported'));
ALTER TABLE audit_events ADD CONSTRAINT audit_events_outcome CHECK (outcome IN ('success', 'failure', 'refused'));
