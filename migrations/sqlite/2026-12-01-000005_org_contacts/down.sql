-- `contact_id` stays: SQLite drops a column with REFERENCES only by rebuilding the table, and
-- without the contacts table nothing reads it.
ALTER TABLE applications DROP COLUMN proof;
DROP TABLE org_contacts;
