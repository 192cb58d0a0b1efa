-- Security keys and passkeys (issue 12). A WebAuthn ceremony's state waits on the session
-- that began it, between its two requests: single use, with its own expiry inside.
ALTER TABLE sessions ADD COLUMN ceremony TEXT;

-- Removing one key is its own event (factors_reset removes them all), and so are asking for
-- the lost phone's emergency code (重設登入綁定), a password-free sign-in with a passkey,
-- turning password sign-in off or on again, and the first step of a sign-in with Google. SQLite cannot change a
-- CHECK: the table is copied.
CREATE TABLE audit_events_checked (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported', 'application_started', 'application_verified', 'application_submitted', 'application_approved', 'application_rejected', 'contact_change_requested', 'email_changed', 'mobile_changed', 'grant_requested', 'grant_reviewed', 'factor_removed', 'binding_reset_requested', 'passkey_sign_in', 'password_sign_in_disabled', 'password_sign_in_enabled', 'oidc_sign_in')),
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

-- The emergency code of 重設登入綁定.
CREATE TABLE one_time_codes_checked (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('set_password', 'reset_password', 'change_email', 'change_mobile', 'reset_binding')),
    code_hash TEXT NOT NULL UNIQUE,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
INSERT INTO one_time_codes_checked SELECT id, user_id, purpose, code_hash, attempts, created_at, expires_at, used_at FROM one_time_codes;
DROP TABLE one_time_codes;
ALTER TABLE one_time_codes_checked RENAME TO one_time_codes;
CREATE INDEX one_time_codes_user_purpose ON one_time_codes (user_id, purpose);

-- A password-free sign-in's ceremony begins before there is any session: it waits under a
-- random token that the browser hands back with its answer. Single use, 5 minutes.
CREATE TABLE open_ceremonies (
    token_hash TEXT PRIMARY KEY,
    ceremony TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
