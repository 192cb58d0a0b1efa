DROP TRIGGER organizations_inserted;
DROP TRIGGER organizations_updated;
DROP TRIGGER organizations_deleted;
DROP TRIGGER org_renames_inserted;
DROP TRIGGER org_renames_updated;
DROP TRIGGER org_renames_deleted;
DROP TABLE directory_version;
