DROP TABLE asset_submissions;
DROP TABLE reporting_periods;
DROP TABLE asset_rows;
