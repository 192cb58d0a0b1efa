ALTER TABLE subsystems DROP COLUMN functions;
