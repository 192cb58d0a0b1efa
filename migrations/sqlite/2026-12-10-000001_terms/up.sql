-- 用戶約定條款: versioned terms of use that every account agrees to before it works, and each
-- account's agreements with their version and time (kept for the auditors).
CREATE TABLE terms (
    version INTEGER PRIMARY KEY,
    body_zh TEXT NOT NULL,
    body_en TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE TABLE terms_agreements (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version BIGINT NOT NULL REFERENCES terms (version),
    agreed_at BIGINT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, version)
);

-- Publishing the terms and agreeing to them are audited.
-- SQLite cannot change a CHECK: the audit table is copied.
CREATE TABLE audit_events_checked (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported', 'application_started', 'application_verified', 'application_submitted', 'application_approved', 'application_rejected', 'contact_change_requested', 'email_changed', 'mobile_changed', 'grant_requested', 'grant_reviewed', 'factor_removed', 'binding_reset_requested', 'passkey_sign_in', 'password_sign_in_disabled', 'password_sign_in_enabled', 'oidc_sign_in', 'account_disabled', 'account_enabled', 'set_password_link_sent', 'grant_changed', 'main_transferred', 'consent_given', 'consent_withdrawn', 'org_disabled', 'org_enabled', 'admins_looked_up', 'main_account_requested', 'main_account_request_reviewed', 'directory_imported', 'subsystem_sign_in', 'subsystem_refused', 'subsystem_registered', 'subsystem_changed', 'client_secret_rotated', 'tokens_revoked', 'signing_keys_rotated', 'terms_published', 'terms_agreed')),
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
