-- The directory's version: raised by every change to the organizations or the rename records,
-- whoever makes it (an import by the command line, another server), so that a server's
-- in-memory search index knows when to rebuild (issue 14). SQLite triggers run per row.
CREATE TABLE directory_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);
CREATE TRIGGER organizations_inserted AFTER INSERT ON organizations BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organizations_updated AFTER UPDATE ON organizations BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organizations_deleted AFTER DELETE ON organizations BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER org_renames_inserted AFTER INSERT ON org_renames BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER org_renames_updated AFTER UPDATE ON org_renames BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER org_renames_deleted AFTER DELETE ON org_renames BEGIN UPDATE directory_version SET version = version + 1; END;
