DROP TABLE consents;
DELETE FROM audit_events WHERE event IN ('account_disabled', 'account_enabled', 'set_password_link_sent', 'grant_changed', 'main_transferred', 'consent_given', 'consent_withdrawn');
ALTER TABLE grants DROP COLUMN functions;
