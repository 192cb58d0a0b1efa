-- The stamped 機關管理者帳號申請(異動)單 an organization admin's applicant uploads (SPEC §2): one
-- scan per application, a PDF, JPEG or PNG as its first bytes show, at most a few megabytes.
CREATE TABLE application_scans (
    application_id BIGINT PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    body BYTEA NOT NULL,
    size BIGINT NOT NULL,
    uploaded_at BIGINT NOT NULL
);
