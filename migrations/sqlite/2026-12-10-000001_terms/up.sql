-- 用戶約定條款: versioned terms of use that every account agrees to before it works, and each
-- account's agreements with their version and time (kept for the auditors).
CREATE TABLE terms (
    version INTEGER PRIMARY KEY,
    body_zh TEXT NOT NULL,
    body_en TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE TABLE terms_agreements (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version BIGINT NOT NULL REFERENCES terms (version),
    agreed_at BIGINT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, version)
);
