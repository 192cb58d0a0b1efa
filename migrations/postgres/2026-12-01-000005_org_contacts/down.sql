ALTER TABLE applications DROP COLUMN proof;
ALTER TABLE applications DROP COLUMN contact_id;
DROP TABLE org_contacts;
