ALTER TABLE audit_events DROP CONSTRAINT audit_events_outcome;
ALTER TABLE audit_events DROP CONSTRAINT audit_events_event;
ALTER TABLE outbox DROP COLUMN template;
DROP TABLE rate_limits;
ALTER TABLE sessions DROP COLUMN verified_at;
