DROP TABLE main_account_requests;
ALTER TABLE organizations DROP COLUMN disabled_at;
-- The wider CHECK on audit events stays: copying the table back is not worth a rollback.
DELETE FROM audit_events WHERE event IN ('org_disabled', 'org_enabled', 'admins_looked_up', 'main_account_requested', 'main_account_request_reviewed', 'directory_imported');
