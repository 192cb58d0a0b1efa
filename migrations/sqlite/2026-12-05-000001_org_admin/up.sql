-- Organizations (issue 13): the central authority disables and enables an organization, a
-- school without a main account requests one, and anyone may ask who administers an
-- organization (機關各系統管理者列表); each is audited. SQLite cannot change a CHECK: the table
-- is copied.
CREATE TABLE audit_events_checked (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported', 'application_started', 'application_verified', 'application_submitted', 'application_approved', 'application_rejected', 'contact_change_requested', 'email_changed', 'mobile_changed', 'grant_requested', 'grant_reviewed', 'factor_removed', 'binding_reset_requested', 'passkey_sign_in', 'password_sign_in_disabled', 'password_sign_in_enabled', 'oidc_sign_in', 'account_disabled', 'account_enabled', 'set_password_link_sent', 'grant_changed', 'main_transferred', 'consent_given', 'consent_withdrawn', 'org_disabled', 'org_enabled', 'admins_looked_up', 'main_account_requested', 'main_account_request_reviewed', 'directory_imported')),
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

-- A disabled organization (停用): none of its accounts signs in, and their sessions end.
ALTER TABLE organizations ADD COLUMN disabled_at BIGINT;

-- A school or agency without a main account asks for one (SPEC §4); the central authority
-- creates it (the holder then sets a password by mail) or refuses with a reason. One open
-- request per organization.
CREATE TABLE main_account_requests (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    part TEXT NOT NULL,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    title TEXT NOT NULL,
    unit TEXT NOT NULL,
    office_phone TEXT NOT NULL,
    office_ext TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    fax TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    reviewed_at BIGINT,
    reviewer_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX main_account_requests_open ON main_account_requests (org_id) WHERE status = 'pending';
CREATE INDEX main_account_requests_created ON main_account_requests (created_at);
