-- Account applications (SPEC §2): accounts can be pending (applied for, not yet reviewed) or
-- rejected, and keep the office contact the application form asks for; the audit log learns
-- the application's events.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE users_new (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    mobile TEXT,
    title TEXT,
    unit TEXT,
    role TEXT NOT NULL CHECK (role IN ('central', 'org_admin', 'user')),
    status TEXT NOT NULL CHECK (status IN ('active', 'pending', 'rejected', 'disabled')),
    password_hash TEXT,
    password_changed_at BIGINT,
    password_sign_in BOOLEAN NOT NULL DEFAULT TRUE,
    last_sign_in_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    address TEXT,
    office_phone TEXT,
    office_ext TEXT,
    fax TEXT
);
INSERT INTO users_new (id, org_id, username, username_key, display_name, email, mobile, title, unit, role, status, password_hash, password_changed_at, password_sign_in, last_sign_in_at, created_at, updated_at)
    SELECT id, org_id, username, username_key, display_name, email, mobile, title, unit, role, status, password_hash, password_changed_at, password_sign_in, last_sign_in_at, created_at, updated_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_org_id ON users (org_id);
CREATE INDEX users_email ON users (email);

CREATE TABLE audit_events_checked (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported', 'application_started', 'application_verified', 'application_submitted', 'application_approved', 'application_rejected')),
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

-- An account application (SPEC §2) from its first step to its review. Until it is submitted it
-- is a draft that only the applicant's browser can continue (it holds the token, a cookie).
-- Each channel has at most one live code (a resend replaces the hash, voiding the older code)
-- and keeps its wrong tries across resends.
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    kind TEXT NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'org_admin')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'approved', 'rejected')),
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    mobile TEXT NOT NULL,
    email_code_hash TEXT,
    email_code_expires_at BIGINT,
    email_code_tries INTEGER NOT NULL DEFAULT 0,
    email_verified_at BIGINT,
    mobile_code_hash TEXT,
    mobile_code_expires_at BIGINT,
    mobile_code_tries INTEGER NOT NULL DEFAULT 0,
    mobile_verified_at BIGINT,
    -- The subsystems asked for, codes separated by spaces; NULL until that step is done.
    subsystems TEXT,
    -- The account made on submission (status 'pending' until the review).
    user_id BIGINT REFERENCES users (id),
    locale TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    reviewed_by BIGINT REFERENCES users (id),
    reviewed_at BIGINT,
    review_reason TEXT
);
CREATE INDEX applications_queue ON applications (status, org_id);

COMMIT;
PRAGMA foreign_keys = ON;
