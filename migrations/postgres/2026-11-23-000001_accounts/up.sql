-- Accounts, sessions, second factors, one-time codes, the outbox, the audit log and the
-- portal's announcements. Timestamps are Unix seconds (UTC) in both backends.

-- Secrets this installation generates once (the CAPTCHA signing key), shared by every
-- server process that uses the database.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    username TEXT NOT NULL,
    -- Usernames are unique whatever their case: `username_key` is the lowercased form.
    username_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    mobile TEXT,
    title TEXT,
    unit TEXT,
    role TEXT NOT NULL CHECK (role IN ('central', 'org_admin', 'user')),
    status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
    password_hash TEXT,
    password_changed_at BIGINT,
    password_sign_in BOOLEAN NOT NULL DEFAULT TRUE,
    last_sign_in_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX users_org_id ON users (org_id);
CREATE INDEX users_email ON users (email);

CREATE TABLE password_history (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX password_history_user_id ON password_history (user_id);

CREATE TABLE subsystems (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_zh TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE grants (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subsystem_id BIGINT NOT NULL REFERENCES subsystems (id) ON DELETE CASCADE,
    granted_by BIGINT REFERENCES users (id),
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, subsystem_id)
);

-- One row per bound sign-in factor. `kind` is exhaustive in the code (FactorKind): TOTP now,
-- security keys and Google later, each in its own columns' subset.
CREATE TABLE second_factors (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('totp', 'security_key', 'google')),
    label TEXT NOT NULL DEFAULT '',
    secret TEXT,
    -- The last TOTP time step accepted: a code is accepted once.
    last_step BIGINT,
    credential TEXT,
    external_id TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX second_factors_user_id ON second_factors (user_id);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: a stolen database does not hand out sessions.
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('password', 'full')),
    -- The TOTP secret offered on the binding page, until it is confirmed.
    pending_secret TEXT,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Consecutive failed sign-ins per username, whether or not the account exists, so that
-- the answer never tells which usernames are real.
CREATE TABLE sign_in_failures (
    username_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failed_at BIGINT NOT NULL,
    locked_until BIGINT
);

-- Single-use codes and links, stored as hashes, bound to one account.
CREATE TABLE one_time_codes (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('set_password', 'reset_password')),
    code_hash TEXT NOT NULL UNIQUE,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX one_time_codes_user_purpose ON one_time_codes (user_id, purpose);

-- CAPTCHA challenges already answered, kept until they expire, so each is used once.
CREATE TABLE captcha_used (
    challenge TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

-- Every mail and SMS goes through here: written in the same transaction as what caused it,
-- delivered by a worker with retries, and readable on the development mailbox.
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL,
    outcome TEXT NOT NULL,
    method TEXT,
    actor_id BIGINT,
    subject_id BIGINT,
    org_id BIGINT,
    username TEXT,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_subject ON audit_events (subject_id, at);
CREATE INDEX audit_events_at ON audit_events (at);

CREATE TABLE announcements (
    id BIGSERIAL PRIMARY KEY,
    audience TEXT NOT NULL CHECK (audience IN ('guest', 'member')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX announcements_published ON announcements (published_at);

INSERT INTO subsystems (code, name_zh, name_en, description_zh, description_en, path, sort_order, created_at) VALUES
    ('assets', '資通系統資產清冊', 'Information-system asset inventory', '填寫與提報年度資通系統資產清冊', 'Fill in and submit the yearly information-system asset inventory', '/assets', 1, 0),
    ('ismg', '管考系統', 'Security reporting (管考系統)', '資安管考與事件通報', 'Security compliance and incident reporting', '/ismg', 2, 0);
