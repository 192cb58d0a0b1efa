-- A sign-in begun with Google (or another OpenID Connect provider) is a stage of its own
-- (issue 26): the password was not proved, so the emergency reset is not offered from it.
-- SQLite cannot change a CHECK: the table is copied.
CREATE TABLE sessions_checked (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('password', 'external', 'full')),
    pending_secret TEXT,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    verified_at BIGINT,
    ceremony TEXT
);
INSERT INTO sessions_checked SELECT id_hash, user_id, stage, pending_secret, ip, user_agent, created_at, last_seen_at, expires_at, verified_at, ceremony FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_checked RENAME TO sessions;
CREATE INDEX sessions_user_id ON sessions (user_id);
