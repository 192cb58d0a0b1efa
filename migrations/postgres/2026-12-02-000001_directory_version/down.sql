DROP TRIGGER organizations_changed ON organizations;
DROP TRIGGER org_renames_changed ON org_renames;
DROP FUNCTION raise_directory_version();
DROP TABLE directory_version;
