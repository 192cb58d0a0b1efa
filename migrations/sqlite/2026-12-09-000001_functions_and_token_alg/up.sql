-- A subsystem's catalogue of functions (功能選單項目) becomes data, one
-- `code | 中文 | English` per line: 子帳號管理 grants its entries, the provider tells the
-- subsystem which its user holds. The asset inventory's 填報 and 提報 are its entries.
ALTER TABLE subsystems ADD COLUMN functions TEXT NOT NULL DEFAULT '';
UPDATE subsystems SET functions = 'fill | 填報 | Fill in' || char(10) || 'submit | 提報 | Submit' WHERE code = 'assets';
-- How the subsystem's ID tokens are signed: RS256 (every OpenID Connect library takes it) or
-- ES256 (shorter), as its registration's id_token_signed_response_alg.
ALTER TABLE subsystems ADD COLUMN id_token_alg TEXT NOT NULL DEFAULT 'RS256' CHECK (id_token_alg IN ('RS256', 'ES256'));
