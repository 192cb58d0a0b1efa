-- The organization's registered contacts (SPEC §2 step 2, 既有聯絡人): people the central
-- authority has on record with their official email and mobile. One of them applies by
-- picking the name and proving one of the two on record, instead of both codes of a new
-- applicant. Loaded by `gatehouse import` from a contacts file; `user_id` is the account an
-- application made from the entry (set at submission, cleared when it is rejected).
CREATE TABLE org_contacts (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    mobile TEXT NOT NULL,
    title TEXT,
    unit TEXT,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX org_contacts_org_email ON org_contacts (org_id, email);

-- Which proof an application needs: a new applicant's both codes, or a registered contact's
-- one code on the channel it chose.
ALTER TABLE applications ADD COLUMN contact_id BIGINT REFERENCES org_contacts (id) ON DELETE SET NULL;
ALTER TABLE applications ADD COLUMN proof TEXT NOT NULL DEFAULT 'both' CHECK (proof IN ('both', 'email', 'sms'));
