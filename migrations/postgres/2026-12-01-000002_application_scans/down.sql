DROP TABLE application_scans;
