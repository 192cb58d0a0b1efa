-- The directory's version: raised by every change to the organizations or the rename records,
-- whoever makes it (an import by the command line, another server), so that a server's
-- in-memory search index knows when to rebuild (issue 14). Once per statement, so that an
-- import of thousands of rows updates the counter a few times, not thousands.
CREATE TABLE directory_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);
CREATE FUNCTION raise_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_version SET version = version + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER organizations_changed AFTER INSERT OR UPDATE OR DELETE ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION raise_directory_version();
CREATE TRIGGER org_renames_changed AFTER INSERT OR UPDATE OR DELETE ON org_renames
    FOR EACH STATEMENT EXECUTE FUNCTION raise_directory_version();
