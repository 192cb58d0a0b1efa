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
-- strictly). SQLite adds a CHECK only by rebuilding the table. A new event needs a migration
-- that widens this list.
CREATE TABLE audit_events_checked (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported')),
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'refused')),
    method TEXT,
    actor_id BIGINT,
    subject_id BIGINT,
    org_id BIGINT,
    username TEXT,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_events_checked SELECT id, at, event, outcome, method, actor_id, subject_id, org_id, username, ip, user_agent, detail FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_checked RENAME TO audit_events;
CREATE INDEX audit_events_subject ON audit_events (subject_id, at);
CREATE INDEX audit_events_at ON audit_events (at);
