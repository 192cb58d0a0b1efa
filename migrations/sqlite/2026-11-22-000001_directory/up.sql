-- The organization directory. Timestamps are Unix seconds (UTC) in both backends.
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    oid TEXT UNIQUE,
    name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    parent_oid TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('agency', 'school', 'other')),
    school_code TEXT UNIQUE,
    agency_code TEXT,
    county TEXT,
    address TEXT,
    phone TEXT,
    dn TEXT,
    website TEXT,
    successor_oid TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (oid IS NOT NULL OR school_code IS NOT NULL)
);
CREATE INDEX organizations_parent_oid ON organizations (parent_oid);

CREATE TABLE org_renames (
    id INTEGER PRIMARY KEY,
    old_oid TEXT NOT NULL,
    new_oid TEXT NOT NULL,
    old_name TEXT NOT NULL,
    new_name TEXT NOT NULL,
    change_date TEXT,
    reference TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (old_oid, new_oid)
);
CREATE INDEX org_renames_new_oid ON org_renames (new_oid);
