DROP TABLE org_renames;
DROP TABLE organizations;
