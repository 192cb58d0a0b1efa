-- Security keys and passkeys (issue 12). A WebAuthn ceremony's state waits on the session
-- that began it, between its two requests: single use, with its own expiry inside.
ALTER TABLE sessions ADD COLUMN ceremony TEXT;
-- Removing one key is its own event (factors_reset removes them all), and so are asking for
-- the lost phone's emergency code (重設登入綁定), a password-free sign-in with a passkey,
-- turning password sign-in off or on again, and the first step of a sign-in with Google.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_event;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_event CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported', 'application_started', 'application_verified', 'application_submitted', 'application_approved', 'application_rejected', 'contact_change_requested', 'email_changed', 'mobile_changed', 'grant_requested', 'grant_reviewed', 'factor_removed', 'binding_reset_requested', 'passkey_sign_in', 'password_sign_in_disabled', 'password_sign_in_enabled', 'oidc_sign_in'));
-- The emergency code of 重設登入綁定.
ALTER TABLE one_time_codes DROP CONSTRAINT one_time_codes_purpose_check;
ALTER TABLE one_time_codes ADD CONSTRAINT one_time_codes_purpose_check CHECK (purpose IN ('set_password', 'reset_password', 'change_email', 'change_mobile', 'reset_binding'));

-- A password-free sign-in's ceremony begins before there is any session: it waits under a
-- random token that the browser hands back with its answer. Single use, 5 minutes.
CREATE TABLE open_ceremonies (
    token_hash TEXT PRIMARY KEY,
    ceremony TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
