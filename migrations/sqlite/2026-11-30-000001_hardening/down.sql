ALTER TABLE outbox DROP COLUMN template;
DROP TABLE rate_limits;
ALTER TABLE sessions DROP COLUMN verified_at;
