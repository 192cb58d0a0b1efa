-- The asset inventory (資通系統資產清冊): each organization's live rows, the central
-- authority's reporting periods, and the snapshots organizations submit in them.

-- One row of an organization's inventory. `cells` is a JSON array of the 21 cell texts in the
-- template's column order (see app/src/inventory/columns.rs). `version` rises on every write,
-- so that a save based on an older version is refused instead of overwriting someone's edit.
CREATE TABLE asset_rows (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    version BIGINT NOT NULL,
    cells TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users (id)
);
CREATE INDEX asset_rows_org_id ON asset_rows (org_id, id);

-- A reporting window (for example 3/2–4/30): organizations submit between opens_at and
-- closes_at (exclusive), Unix seconds.
CREATE TABLE reporting_periods (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    CHECK (closes_at > opens_at)
);

-- A submitted (提報) snapshot: the rows as JSON (an array of cell arrays), with the figures
-- the dashboard sums. A reopened submission stays for the record; at most one per period and
-- organization is current (reopened_at IS NULL).
CREATE TABLE asset_submissions (
    id INTEGER PRIMARY KEY,
    period_id BIGINT NOT NULL REFERENCES reporting_periods (id),
    org_id BIGINT NOT NULL REFERENCES organizations (id),
    submitted_at BIGINT NOT NULL,
    submitted_by BIGINT REFERENCES users (id),
    row_count BIGINT NOT NULL,
    level_normal BIGINT NOT NULL,
    level_medium BIGINT NOT NULL,
    level_high BIGINT NOT NULL,
    level_other BIGINT NOT NULL,
    baseline_met BIGINT NOT NULL,
    baseline_partly BIGINT NOT NULL,
    baseline_not BIGINT NOT NULL,
    baseline_na BIGINT NOT NULL,
    snapshot TEXT NOT NULL,
    reopened_at BIGINT,
    reopened_by BIGINT REFERENCES users (id)
);
CREATE INDEX asset_submissions_period ON asset_submissions (period_id, org_id);
-- The database itself keeps two current submissions from existing, even if two admins press
-- 提報 at the same moment.
CREATE UNIQUE INDEX asset_submissions_current ON asset_submissions (period_id, org_id) WHERE reopened_at IS NULL;
