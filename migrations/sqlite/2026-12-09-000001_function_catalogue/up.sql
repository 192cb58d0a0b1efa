-- A subsystem's catalogue of functions (功能選單項目) becomes data, one
-- `code | 中文 | English` per line: 子帳號管理 grants its entries, the provider tells the
-- subsystem which its user holds. The asset inventory's 填報 and 提報 are its entries.
ALTER TABLE subsystems ADD COLUMN functions TEXT NOT NULL DEFAULT '';
UPDATE subsystems SET functions = 'fill | 填報 | Fill in' || char(10) || 'submit | 提報 | Submit' WHERE code = 'assets';
