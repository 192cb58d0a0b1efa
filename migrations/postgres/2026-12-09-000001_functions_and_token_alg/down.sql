ALTER TABLE subsystems DROP COLUMN id_token_alg;
ALTER TABLE subsystems DROP COLUMN functions;
