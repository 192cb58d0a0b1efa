-- Sub-accounts (子帳號管理, issue 13): a main account turns an account off or back on, mails
-- its set-password link again (補寄驗證信) and grants or revokes subsystems; each is audited.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_event;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_event CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported', 'application_started', 'application_verified', 'application_submitted', 'application_approved', 'application_rejected', 'contact_change_requested', 'email_changed', 'mobile_changed', 'grant_requested', 'grant_reviewed', 'factor_removed', 'binding_reset_requested', 'passkey_sign_in', 'password_sign_in_disabled', 'password_sign_in_enabled', 'oidc_sign_in', 'account_disabled', 'account_enabled', 'set_password_link_sent', 'grant_changed', 'main_transferred', 'consent_given', 'consent_withdrawn'));

-- Functions inside a subsystem (功能選單項目) a grant includes, by code, comma-separated: the
-- asset inventory's 填報 (fill) and 提報 (submit). Grants made before keep what they allowed:
-- filling in.
ALTER TABLE grants ADD COLUMN functions TEXT NOT NULL DEFAULT 'fill';

-- 同意授權: a user's consent to share the named profile fields with a subsystem, asked on the
-- first visit; withdrawn, the row goes (the audit keeps the history).
CREATE TABLE consents (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subsystem_id BIGINT NOT NULL REFERENCES subsystems (id) ON DELETE CASCADE,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, subsystem_id)
);
