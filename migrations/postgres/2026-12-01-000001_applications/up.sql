-- Account applications (SPEC §2): accounts can be pending (applied for, not yet reviewed) or
-- rejected, and keep the office contact the application form asks for; the audit log learns
-- the application's events.
ALTER TABLE users DROP CONSTRAINT users_status_check;
ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'pending', 'rejected', 'disabled'));
ALTER TABLE users ADD COLUMN address TEXT, ADD COLUMN office_phone TEXT, ADD COLUMN office_ext TEXT, ADD COLUMN fax TEXT;

ALTER TABLE audit_events DROP CONSTRAINT audit_events_event;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_event CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported', 'application_started', 'application_verified', 'application_submitted', 'application_approved', 'application_rejected'));

-- An account application (SPEC §2) from its first step to its review. Until it is submitted it
-- is a draft that only the applicant's browser can continue (it holds the token, a cookie).
-- Each channel has at most one live code (a resend replaces the hash, voiding the older code)
-- and keeps its wrong tries across resends.
CREATE TABLE applications (
    id BIGSERIAL PRIMARY KEY,
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
