DROP TABLE rate_limits;
ALTER TABLE sessions DROP COLUMN verified_at;
