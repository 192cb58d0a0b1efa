DROP TABLE open_ceremonies;
DELETE FROM audit_events WHERE event IN ('factor_removed', 'binding_reset_requested', 'passkey_sign_in', 'password_sign_in_disabled', 'password_sign_in_enabled', 'oidc_sign_in');
DELETE FROM one_time_codes WHERE purpose = 'reset_binding';
ALTER TABLE audit_events DROP CONSTRAINT audit_events_event;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_event CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported', 'application_started', 'application_verified', 'application_submitted', 'application_approved', 'application_rejected', 'contact_change_requested', 'email_changed', 'mobile_changed', 'grant_requested', 'grant_reviewed'));
ALTER TABLE sessions DROP COLUMN ceremony;
ALTER TABLE one_time_codes DROP CONSTRAINT one_time_codes_purpose_check;
ALTER TABLE one_time_codes ADD CONSTRAINT one_time_codes_purpose_check CHECK (purpose IN ('set_password', 'reset_password', 'change_email', 'change_mobile'));
