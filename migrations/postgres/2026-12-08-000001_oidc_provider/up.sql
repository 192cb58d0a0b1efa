-- Gatehouse as the subsystems' OpenID Connect provider (issue 28).
-- Sessions get a stable id for the subsystems (`sid`: the cookie's id changes at every
-- verification) and say how their person signed in (`amr`, RFC 8176 values) and when.
ALTER TABLE sessions ADD COLUMN sid TEXT NOT NULL DEFAULT '';
UPDATE sessions SET sid = md5(random()::text || id_hash);
ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN signed_in_at BIGINT;
UPDATE sessions SET signed_in_at = verified_at;

-- What a subsystem is registered with, as an OpenID Connect client. `client_kind` says how
-- it proves itself at the token endpoint: 'builtin' is part of Gatehouse (the asset
-- inventory) and signs no one in through the provider; 'confidential' holds a secret;
-- 'public' (a single-page subsystem) has PKCE alone. Lists are newline-separated; every
-- redirect URI is compared exactly.
ALTER TABLE subsystems ADD COLUMN client_kind TEXT NOT NULL DEFAULT 'builtin' CHECK (client_kind IN ('builtin', 'confidential', 'public'));
ALTER TABLE subsystems ADD COLUMN redirect_uris TEXT NOT NULL DEFAULT '';
ALTER TABLE subsystems ADD COLUMN post_logout_redirect_uris TEXT NOT NULL DEFAULT '';
ALTER TABLE subsystems ADD COLUMN backchannel_logout_uri TEXT NOT NULL DEFAULT '';
ALTER TABLE subsystems ADD COLUMN privacy_url TEXT NOT NULL DEFAULT '';
ALTER TABLE subsystems ADD COLUMN terms_url TEXT NOT NULL DEFAULT '';
-- The profile fields it may receive (space-separated field names, `ProfileField`).
ALTER TABLE subsystems ADD COLUMN fields TEXT NOT NULL DEFAULT 'name email organization';
ALTER TABLE subsystems ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
-- The asset inventory's 同意授權 has always named these.
UPDATE subsystems SET fields = 'name email phone organization unit title' WHERE code = 'assets';
-- 管考系統 is a separate website: a registered subsystem whose address is not set yet.
UPDATE subsystems SET client_kind = 'confidential', path = '' WHERE code = 'ismg';

-- A consent covers the fields it named: when the subsystem's list grows, it is asked again.
-- The consents given so far named the fields the subsystem had.
ALTER TABLE consents ADD COLUMN fields TEXT NOT NULL DEFAULT '';
UPDATE consents SET fields = (SELECT fields FROM subsystems WHERE subsystems.id = consents.subsystem_id);

-- A confidential subsystem's secrets, as SHA-256 (a secret is 256 random bits: a fast hash
-- is enough). Rotating adds a secret and gives the old one an end: both work meanwhile.
CREATE TABLE client_secrets (
    id BIGSERIAL PRIMARY KEY,
    subsystem_id BIGINT NOT NULL REFERENCES subsystems (id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT
);
CREATE INDEX client_secrets_subsystem ON client_secrets (subsystem_id);

-- The provider's signing keys, the private half sealed with the installation's secret key.
-- A key is next (`active_from` in the future), current, or retired (`retired_at`): it signs
-- nothing more but stays published until `published_until`, past every token it signed.
CREATE TABLE signing_keys (
    id BIGSERIAL PRIMARY KEY,
    kid TEXT NOT NULL UNIQUE,
    alg TEXT NOT NULL CHECK (alg IN ('RS256', 'ES256')),
    private_key TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    active_from BIGINT NOT NULL,
    retired_at BIGINT,
    published_until BIGINT
);

-- One sign-in to a subsystem: the code and every token that came of it (a refresh token's
-- family). Revoking it ends them all. `sid` is the Gatehouse session it came from.
CREATE TABLE oidc_grants (
    id BIGSERIAL PRIMARY KEY,
    subsystem_id BIGINT NOT NULL REFERENCES subsystems (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sid TEXT NOT NULL,
    fields TEXT NOT NULL,
    nonce TEXT,
    amr TEXT NOT NULL,
    auth_time BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX oidc_grants_user ON oidc_grants (user_id);
CREATE INDEX oidc_grants_sid ON oidc_grants (sid);

-- Authorization codes, as SHA-256: 60 seconds, once.
CREATE TABLE oidc_codes (
    code_hash TEXT PRIMARY KEY,
    grant_id BIGINT NOT NULL REFERENCES oidc_grants (id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- Access and refresh tokens, as SHA-256. A refresh token is used once (`used_at`).
CREATE TABLE oidc_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id BIGINT NOT NULL REFERENCES oidc_grants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX oidc_tokens_grant ON oidc_tokens (grant_id);

-- Back-channel logout tokens waiting to be delivered, retried like the mail outbox.
CREATE TABLE logout_deliveries (
    id BIGSERIAL PRIMARY KEY,
    subsystem_id BIGINT NOT NULL REFERENCES subsystems (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL,
    sid TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    delivered_at BIGINT,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX logout_deliveries_due ON logout_deliveries (delivered_at, next_attempt_at);

ALTER TABLE audit_events DROP CONSTRAINT audit_events_event;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_event CHECK (event IN ('sign_in', 'second_factor', 'step_up', 'lockout', 'sign_out', 'sign_out_others', 'password_set', 'password_changed', 'password_reset', 'password_reset_requested', 'username_reminder', 'factor_bound', 'factors_reset', 'account_unlocked', 'account_created', 'announcement_saved', 'period_opened', 'inventory_submitted', 'inventory_reopened', 'accounts_searched', 'audit_searched', 'audit_exported', 'inventory_saved', 'inventory_imported', 'inventory_exported', 'submissions_exported', 'application_started', 'application_verified', 'application_submitted', 'application_approved', 'application_rejected', 'contact_change_requested', 'email_changed', 'mobile_changed', 'grant_requested', 'grant_reviewed', 'factor_removed', 'binding_reset_requested', 'passkey_sign_in', 'password_sign_in_disabled', 'password_sign_in_enabled', 'oidc_sign_in', 'account_disabled', 'account_enabled', 'set_password_link_sent', 'grant_changed', 'main_transferred', 'consent_given', 'consent_withdrawn', 'org_disabled', 'org_enabled', 'admins_looked_up', 'main_account_requested', 'main_account_request_reviewed', 'directory_imported', 'subsystem_sign_in', 'subsystem_refused', 'subsystem_registered', 'subsystem_changed', 'client_secret_rotated', 'tokens_revoked', 'signing_keys_rotated'));
