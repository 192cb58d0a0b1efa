-- The wider CHECK on audit events stays: copying the table back is not worth a rollback.
DELETE FROM audit_events WHERE event = 'factor_removed';
ALTER TABLE sessions DROP COLUMN ceremony;
